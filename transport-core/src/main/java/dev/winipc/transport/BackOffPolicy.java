package dev.winipc.transport;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long to pause between attempts: connecting while a pipe is missing or busy, and
 * reconnecting after a server went away. Every retry loop of winipc asks one of these.
 * <pre class="code">
 * BackOffPolicy.Sequence pauses = BackOffPolicy.exponential(Duration.ofMillis(10), 2, Duration.ofSeconds(1)).start();
 * while (!connected()) {
 *     if (!pauses.pause(deadline)) {
 *         throw new IpcException(...);   // the deadline passed, or the policy gave up
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BackOffPolicy {

	/** What {@link Sequence#nextDelayNanos()} returns when no attempt should follow. */
	long STOP = -1;

	/** The default: 10 ms, doubling up to 1 s. */
	BackOffPolicy DEFAULT = exponential(Duration.ofMillis(10), 2.0, Duration.ofSeconds(1));

	/**
	 * Start a fresh sequence of pauses, for one run of attempts.
	 * @return the sequence
	 */
	Sequence start();

	/**
	 * An exponential back-off: {@code initial}, then each pause {@code multiplier} times
	 * the last, never above {@code max} (saturating, never overflowing), never stopping.
	 * @param initial the first pause, positive
	 * @param multiplier the growth factor, at least 1
	 * @param max the longest pause, at least {@code initial}
	 * @return the policy
	 * @throws InvalidOptionException if a value is out of range
	 */
	static BackOffPolicy exponential(Duration initial, double multiplier, Duration max) {
		return new ExponentialBackOff(initial, multiplier, max);
	}

	/**
	 * Sleep, ending early and failing when the thread is interrupted; the interrupt is
	 * kept for the caller.
	 * @param nanos how long
	 * @throws InterruptedIOException when interrupted before or during the sleep
	 */
	static void sleep(long nanos) throws InterruptedIOException {
		try {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			InterruptedIOException interrupted = new InterruptedIOException("Interrupted while waiting to retry");
			interrupted.initCause(ex);
			throw interrupted;
		}
	}

	/**
	 * One run of pauses.
	 */
	@FunctionalInterface
	interface Sequence {

		/**
		 * Return the next pause.
		 * @return nanoseconds to wait before the next attempt, or {@link #STOP}
		 */
		long nextDelayNanos();

		/**
		 * Pause before the next attempt, at most until a deadline.
		 * @param deadlineNanos a {@link System#nanoTime()} value
		 * @return {@code true} if another attempt may follow, {@code false} if the
		 * deadline has passed or the policy gave up
		 * @throws InterruptedIOException when interrupted; the interrupt is kept
		 */
		default boolean pause(long deadlineNanos) throws InterruptedIOException {
			long remaining = deadlineNanos - System.nanoTime();
			if (remaining <= 0) {
				return false;
			}
			long delay = nextDelayNanos();
			if (delay == STOP) {
				return false;
			}
			BackOffPolicy.sleep(Math.min(delay, remaining));
			return true;
		}

	}

}
