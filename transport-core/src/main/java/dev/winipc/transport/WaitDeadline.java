package dev.winipc.transport;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * When a wait on a named synchronization object gives up, and the slices it waits in:
 * a wait in the OS is cut into slices of at most {@link #SLICE}, so that between two of
 * them it notices a close or an interrupt, which no OS wait call sees.
 * <pre class="code">
 * WaitDeadline deadline = WaitDeadline.after(Duration.ofSeconds(5));
 * while (!tryOnce(deadline.sliceMillis())) {
 *     deadline.checkInterrupt("sem_timedwait", name);
 *     if (deadline.hasPassed()) {
 *         return false;
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class WaitDeadline {

	/** The longest slice of one wait in the OS: how late a close or interrupt is noticed at most. */
	public static final Duration SLICE = Duration.ofMillis(50);

	private static final long SLICE_NANOS = SLICE.toNanos();

	private final long deadline;

	private final boolean forever;

	private WaitDeadline(long deadline, boolean forever) {
		this.deadline = deadline;
		this.forever = forever;
	}

	/**
	 * Start a wait that gives up after a timeout.
	 * @param timeout how long, zero for a single attempt; a timeout too long for
	 * {@link System#nanoTime()} waits for ever
	 * @return the deadline
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public static WaitDeadline after(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout must not be null");
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
		}
		long nanos = ExponentialBackOff.saturatedNanos(timeout);
		long now = System.nanoTime();
		// So far ahead that nanoTime would wrap: as good as for ever.
		if (nanos > Long.MAX_VALUE / 2) {
			return forever();
		}
		return new WaitDeadline(now + nanos, false);
	}

	/**
	 * Start a wait that never gives up.
	 * @return the deadline
	 */
	public static WaitDeadline forever() {
		return new WaitDeadline(0, true);
	}

	/** @return whether the wait never gives up */
	public boolean isForever() {
		return this.forever;
	}

	/** @return whether the deadline has passed; never for a wait for ever */
	public boolean hasPassed() {
		return !this.forever && this.deadline - System.nanoTime() <= 0;
	}

	/** @return nanoseconds left, 0 once passed, {@link Long#MAX_VALUE} for ever */
	public long remainingNanos() {
		return this.forever ? Long.MAX_VALUE : Math.max(0, this.deadline - System.nanoTime());
	}

	/** @return the next slice to wait in the OS: the time left, at most {@link #SLICE} */
	public long sliceNanos() {
		return Math.min(SLICE_NANOS, remainingNanos());
	}

	/** @return {@link #sliceNanos()} in milliseconds, rounded up so a wait never spins */
	public int sliceMillis() {
		long nanos = sliceNanos();
		return (int) ((nanos + 999_999) / 1_000_000);
	}

	/**
	 * Fail when the waiting thread was interrupted; the interrupt is kept for the caller.
	 * @param operation the OS call being waited in, for the message
	 * @param name the object's OS name
	 * @throws InterruptedIOException if the thread was interrupted
	 */
	public static void checkInterrupt(String operation, String name) throws InterruptedIOException {
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedIOException(operation + "(" + name + ") was interrupted");
		}
	}

}
