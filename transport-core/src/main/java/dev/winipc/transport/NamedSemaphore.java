package dev.winipc.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A named counting semaphore shared with other processes: {@code CreateSemaphoreW} on
 * Windows, {@code sem_open("/NAME")} on POSIX ({@code /dev/shm/sem.NAME} on Linux). It
 * bounds how many holders, in any processes, work at once. A semaphore has no owner:
 * any thread may release what another acquired, and a holder that ends without
 * releasing leaves its count taken.
 * <pre class="code">
 * try (NamedSemaphore workers = IpcPlatform.current().syncObjects()
 *         .semaphore(SyncOptions.semaphore("workers").maximumCount(4).build())) {
 *     if (workers.acquire(Duration.ofSeconds(5))) {
 *         try {
 *             work();
 *         }
 *         finally {
 *             workers.release(1);
 *         }
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface NamedSemaphore extends NamedSyncObject {

	/**
	 * Take one count, waiting at most a timeout while the count is zero.
	 * @param timeout how long to wait; zero tries once
	 * @return {@code true} if a count was taken, {@code false} when the timeout passed
	 * @throws InterruptedIOException if the thread is interrupted while waiting; the
	 * interrupt is kept
	 * @throws IpcException naming the semaphore if the OS refuses, or the handle is closed
	 * @throws IOException on other I/O failures
	 */
	boolean acquire(Duration timeout) throws IOException;

	/**
	 * Give counts back.
	 * @param count how many, at least 1
	 * @return the count before this release, as the OS tells it
	 * @throws IpcException naming the semaphore if the count would exceed the maximum
	 * ({@code ERROR_TOO_MANY_POSTS}, {@code EOVERFLOW}); nothing is released then
	 * @throws IOException on other I/O failures
	 */
	int release(int count) throws IOException;

}
