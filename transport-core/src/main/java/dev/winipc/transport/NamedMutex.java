package dev.winipc.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A named mutex shared with other processes: {@code CreateMutexW("Local\NAME")} on
 * Windows, {@code flock} on {@code $TMPDIR/winipc-mutex-NAME} on POSIX.
 * <p>
 * As a Win32 mutex, it is held by a thread and recursive: the thread that acquired it
 * may acquire it again, and releases it as often; other threads of this process wait as
 * other processes do. When a holder ended without releasing it, the next acquisition
 * reports it ({@link MutexAcquisition#ABANDONED}).
 * <pre class="code">
 * try (NamedMutex mutex = IpcPlatform.current().syncObjects().mutex(SyncOptions.mutex("orders-file").build())) {
 *     if (mutex.acquire(Duration.ofSeconds(5)).isAcquired()) {
 *         try {
 *             // touch the file
 *         }
 *         finally {
 *             mutex.release();
 *         }
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface NamedMutex extends NamedSyncObject {

	/**
	 * Acquire the mutex for the calling thread, waiting at most a timeout.
	 * @param timeout how long to wait; zero tries once
	 * @return {@link MutexAcquisition#ACQUIRED}, {@link MutexAcquisition#ABANDONED}
	 * (acquired, the previous holder ended holding it) or
	 * {@link MutexAcquisition#TIMED_OUT}; a thread that holds it already gets
	 * {@code ACQUIRED} at once
	 * @throws InterruptedIOException if the thread is interrupted while waiting; the
	 * interrupt is kept
	 * @throws IpcException naming the mutex if the OS refuses, or the handle is closed
	 * @throws IOException on other I/O failures
	 */
	MutexAcquisition acquire(Duration timeout) throws IOException;

	/**
	 * Acquire the mutex for the calling thread, waiting as long as it takes.
	 * @return {@link MutexAcquisition#ACQUIRED} or {@link MutexAcquisition#ABANDONED}
	 * @throws IOException as {@link #acquire(Duration)} does
	 */
	MutexAcquisition acquire() throws IOException;

	/**
	 * Release one hold of the calling thread; the last one lets the next waiter in.
	 * @throws IllegalMonitorStateException if the calling thread does not hold the mutex
	 * @throws IpcException naming the mutex if the OS refuses, or the handle was closed
	 * (which released it)
	 */
	void release() throws IOException;

	/** @return whether the calling thread holds the mutex */
	boolean isHeldByCurrentThread();

	/** @return how often the calling thread holds the mutex; 0 when it does not */
	int holdCount();

}
