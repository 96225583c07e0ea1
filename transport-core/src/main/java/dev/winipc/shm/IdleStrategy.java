package dev.winipc.shm;

import java.io.InterruptedIOException;

/**
 * What a reader (or a writer facing a full ring) does while there is nothing to do. One
 * instance serves one thread: it keeps the state of the current idle period.
 * <pre class="code">
 * IdleStrategy idle = IdleStrategyType.BACKOFF.create(Duration.ofMillis(1));
 * while (running) {
 *     int read = ring.read(handler, 64);
 *     if (read > 0) idle.reset(); else idle.idle();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface IdleStrategy {

	/**
	 * Wait a little, as the strategy says; each call of an idle period may wait longer.
	 * @throws InterruptedIOException if the thread was interrupted while it waited; the
	 * interrupt is kept
	 */
	void idle() throws InterruptedIOException;

	/**
	 * End the idle period: there was work, the next {@link #idle()} starts afresh.
	 */
	void reset();

}
