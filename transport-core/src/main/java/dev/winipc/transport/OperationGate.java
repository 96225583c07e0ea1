package dev.winipc.transport;

/**
 * Tracks the operations using a handle, so that closing it can wait until none does: a
 * handle value closed under a running operation may already name another object by the
 * time that operation uses it again, and its memory must not be freed while the kernel
 * still writes to it. The backends' handles share it: Windows pipe connections and
 * mailslots, and every named synchronization object ({@link AbstractSyncObject}).
 *
 * @since 0.1.0
 */
public final class OperationGate {

	private final Object lock = new Object();

	private volatile boolean closed;

	private int operations;

	/**
	 * Let an operation in, unless the gate is shut.
	 * @return {@code true} if the operation may use the handle; it must then call
	 * {@link #exit()}
	 */
	public boolean enter() {
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			this.operations++;
			return true;
		}
	}

	/**
	 * Let an operation out.
	 */
	public void exit() {
		synchronized (this.lock) {
			this.operations--;
			if (this.operations == 0 && this.closed) {
				this.lock.notifyAll();
			}
		}
	}

	/**
	 * Shut the gate.
	 * @return {@code true} the first time, {@code false} if it was shut already
	 */
	public boolean shut() {
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			this.closed = true;
			return true;
		}
	}

	/**
	 * Return whether the gate is shut.
	 * @return {@code true} once {@link #shut()} was called
	 */
	public boolean isShut() {
		return this.closed;
	}

	/**
	 * Wait until every operation let in has left. Interruption does not end the wait,
	 * since the handle must not be closed under a running operation; the caller's wake-up
	 * event ends them promptly, and the interrupt is kept for the caller.
	 */
	public void awaitIdle() {
		boolean interrupted = false;
		synchronized (this.lock) {
			while (this.operations > 0) {
				try {
					this.lock.wait();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
