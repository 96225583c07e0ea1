package dev.winipc.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * {@link BackOffPolicy#exponential}: pauses that grow by a factor up to a maximum.
 *
 * @param initial the first pause
 * @param multiplier the growth factor
 * @param max the longest pause
 * @since 0.1.0
 */
public record ExponentialBackOff(Duration initial, double multiplier, Duration max) implements BackOffPolicy {

	/**
	 * Check the values.
	 * @param initial the first pause, positive
	 * @param multiplier the growth factor, at least 1
	 * @param max the longest pause, at least {@code initial}
	 * @throws InvalidOptionException if a value is out of range
	 */
	public ExponentialBackOff {
		Objects.requireNonNull(initial, "initial must not be null");
		Objects.requireNonNull(max, "max must not be null");
		if (initial.isNegative() || initial.isZero()) {
			throw new InvalidOptionException("backOff.initial", initial, "must be positive");
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new InvalidOptionException("backOff.multiplier", multiplier, "must be a number of at least 1");
		}
		if (max.compareTo(initial) < 0) {
			throw new InvalidOptionException("backOff.max", max, "must be at least backOff.initial (" + initial + ")");
		}
	}

	@Override
	public Sequence start() {
		long first = saturatedNanos(this.initial);
		long ceiling = saturatedNanos(this.max);
		return new Sequence() {

			private long next = first;

			@Override
			public long nextDelayNanos() {
				long current = this.next;
				// In double, so that growth saturates at the ceiling instead of overflowing.
				this.next = (long) Math.min(ceiling, current * ExponentialBackOff.this.multiplier);
				return current;
			}

		};
	}

	/**
	 * Return a duration in nanoseconds, saturated rather than overflowing.
	 * @param duration the duration
	 * @return its nanoseconds, at most {@link Long#MAX_VALUE}
	 */
	public static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

}
