package dev.winipc.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A named event shared with other processes, set by one to wake another: the classic
 * "write, then signal". On Windows it is {@code CreateEventW("Local\NAME")}, auto-reset
 * (a wait that sees it set resets it, so one waiter wakes per set) or manual-reset (it
 * stays set, waking every waiter, until reset). On POSIX it is an approximation on a
 * named semaphore, {@code sem_open("/NAME")}, with limits the wire format guide states.
 * <pre class="code">
 * try (NamedEvent ready = IpcPlatform.current().syncObjects().event(SyncOptions.event("ready").build())) {
 *     if (ready.await(Duration.ofSeconds(30))) {
 *         // read what the writer wrote
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface NamedEvent extends NamedSyncObject {

	/**
	 * Wait until the event is set, at most a timeout; an auto-reset event is reset by
	 * the wait that sees it set.
	 * @param timeout how long to wait; zero looks once
	 * @return {@code true} if the event was set, {@code false} when the timeout passed
	 * @throws InterruptedIOException if the thread is interrupted while waiting; the
	 * interrupt is kept
	 * @throws IpcException naming the event if the OS refuses, or the handle is closed
	 * @throws IOException on other I/O failures
	 */
	boolean await(Duration timeout) throws IOException;

	/**
	 * Set the event: wake one waiter (auto-reset) or every waiter until reset
	 * (manual-reset).
	 * @throws IpcException naming the event if the OS refuses
	 */
	void set() throws IOException;

	/**
	 * Reset the event.
	 * @throws IpcException naming the event if the OS refuses
	 */
	void reset() throws IOException;

	/**
	 * Set the event and reset it at once, releasing only the threads waiting now
	 * ({@code PulseEvent}). POSIX cannot tell whether anyone waits on a semaphore, so
	 * there it fails with {@code ENOTSUP}.
	 * @throws IpcException naming the event if the OS refuses or cannot pulse
	 */
	void pulse() throws IOException;

	/**
	 * Return whether a manual-reset event is set, without waiting or changing it.
	 * @return {@code true} while it is set
	 * @throws IllegalStateException for an auto-reset event, which looking at would reset
	 * @throws IpcException naming the event if the OS refuses, or the handle is closed
	 */
	boolean isSet() throws IOException;

}
