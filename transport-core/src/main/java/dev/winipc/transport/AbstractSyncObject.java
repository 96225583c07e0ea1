package dev.winipc.transport;

/**
 * What every backend's named synchronization object shares: its settings and name, and
 * a close that wakes the waits blocked on it and closes the OS handle once no call uses
 * it. Every call on the handle runs between {@link #enter} and {@link #exit()}; a wait
 * looks at {@link #isClosed()} between two of its slices ({@link WaitDeadline}).
 *
 * @since 0.1.0
 */
public abstract class AbstractSyncObject implements NamedSyncObject {

	private final SyncOptions options;

	private final String osName;

	private final boolean created;

	private final OperationGate gate = new OperationGate();

	/**
	 * Create the object.
	 * @param options the settings it was opened with
	 * @param osName the OS's name of it
	 * @param created whether this process created it
	 */
	protected AbstractSyncObject(SyncOptions options, String osName, boolean created) {
		this.options = options;
		this.osName = osName;
		this.created = created;
	}

	@Override
	public final SyncOptions options() {
		return this.options;
	}

	@Override
	public final String osName() {
		return this.osName;
	}

	@Override
	public final boolean created() {
		return this.created;
	}

	/**
	 * Start a call on the handle; the caller calls {@link #exit()} in a {@code finally}.
	 * @param operation the OS call, for the error
	 * @throws IpcException if the handle is closed
	 */
	protected final void enter(String operation) throws IpcException {
		if (!this.gate.enter()) {
			throw closedException(operation);
		}
	}

	/** End a call started with {@link #enter}. */
	protected final void exit() {
		this.gate.exit();
	}

	/** @return whether {@link #close()} was called: a wait gives up between two slices */
	protected final boolean isClosed() {
		return this.gate.isShut();
	}

	/**
	 * Return the error of a call that found the handle closed.
	 * @param operation the OS call
	 * @return e.g. {@code sem_timedwait(/workers) failed: the semaphore handle is closed}
	 */
	protected final IpcException closedException(String operation) {
		return new IpcException(operation, this.osName, "the " + this.options.name().kind().description()
				+ " handle is closed");
	}

	/**
	 * Check that the object is a manual-reset event, the one kind whose state can be
	 * looked at without changing it.
	 * @throws IllegalStateException if it is not
	 */
	protected final void requireManualReset() {
		if (!this.options.manualReset()) {
			throw new IllegalStateException("The auto-reset event " + this.osName + " cannot be looked at without "
					+ "resetting it; isSet applies to a manual-reset event");
		}
	}

	@Override
	public final void close() {
		if (!this.gate.shut()) {
			return;
		}
		wake();
		this.gate.awaitIdle();
		closeHandles();
	}

	/**
	 * Wake the waits in progress at once, where the OS can (a close event); waits that
	 * the OS cannot wake end within a slice. Called once, by {@link #close()}.
	 */
	protected void wake() {
	}

	/**
	 * Close the OS handles; called once, when no call uses them any more.
	 */
	protected abstract void closeHandles();

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.osName + "]";
	}

}
