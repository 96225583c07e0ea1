package dev.winipc.transport;

/**
 * A named kernel object processes synchronize through: a {@link NamedMutex}, a
 * {@link NamedSemaphore} or a {@link NamedEvent}, opened through
 * {@link IpcPlatform#syncObjects()}.
 * <p>
 * Closing the handle wakes every wait blocked on it, which then fails with an
 * {@link IpcException} saying the handle is closed. The object itself lives on while
 * other handles exist (Windows) or until removed (POSIX).
 *
 * @since 0.1.0
 */
public interface NamedSyncObject extends AutoCloseable {

	/** @return the settings the object was opened with */
	SyncOptions options();

	/**
	 * Return the OS's name of the object, for messages.
	 * @return e.g. {@code Local\orders-file}, {@code /tmp/winipc-mutex-orders-file} or
	 * {@code /workers}
	 */
	String osName();

	/** @return whether this call created the object, rather than opened an existing one */
	boolean created();

	/**
	 * Close the handle once no call uses it; waits blocked on it wake and fail. Idempotent.
	 */
	@Override
	void close();

}
