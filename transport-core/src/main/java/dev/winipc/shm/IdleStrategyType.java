package dev.winipc.shm;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;

import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;

/**
 * The idle strategies a shared-memory reader can use, from the lowest latency (and a
 * whole core) to the lowest CPU use.
 *
 * @since 0.1.0
 */
public enum IdleStrategyType {

	/** Spin on the CPU ({@link Thread#onSpinWait()}): the lowest latency, one core busy. */
	BUSY_SPIN {
		@Override
		public IdleStrategy create(Duration pollInterval) {
			return new IdleStrategy() {

				@Override
				public void idle() {
					Thread.onSpinWait();
				}

				@Override
				public void reset() {
				}

			};
		}
	},

	/** Give the CPU to other threads ({@link Thread#yield()}) between checks. */
	YIELD {
		@Override
		public IdleStrategy create(Duration pollInterval) {
			return new IdleStrategy() {

				@Override
				public void idle() {
					Thread.yield();
				}

				@Override
				public void reset() {
				}

			};
		}
	},

	/**
	 * The default: spin a little, then yield a little, then pause for exponentially
	 * longer, from a microsecond up to the poll interval.
	 */
	BACKOFF {
		@Override
		public IdleStrategy create(Duration pollInterval) {
			return new BackOffIdleStrategy(pollInterval);
		}
	},

	/** Sleep the poll interval between checks: the least CPU, a poll interval of latency. */
	SLEEP {
		@Override
		public IdleStrategy create(Duration pollInterval) {
			long nanos = ExponentialBackOff.saturatedNanos(pollInterval);
			return new IdleStrategy() {

				@Override
				public void idle() throws InterruptedIOException {
					BackOffPolicy.sleep(nanos);
				}

				@Override
				public void reset() {
				}

			};
		}
	};

	/**
	 * Create an instance for one thread.
	 * @param pollInterval the longest pause ({@link #BACKOFF}) or the pause
	 * ({@link #SLEEP}); positive
	 * @return the strategy
	 */
	public abstract IdleStrategy create(Duration pollInterval);

	/**
	 * Spins, yields, then the pauses of an exponential {@link BackOffPolicy}.
	 */
	private static final class BackOffIdleStrategy implements IdleStrategy {

		private static final int SPINS = 100;

		private static final int YIELDS = 10;

		private static final Duration FIRST_PAUSE = Duration.ofNanos(1000);

		private final BackOffPolicy pauses;

		private int idleCount;

		private BackOffPolicy.Sequence sequence;

		BackOffIdleStrategy(Duration pollInterval) {
			Objects.requireNonNull(pollInterval, "pollInterval must not be null");
			Duration first = (pollInterval.compareTo(FIRST_PAUSE) < 0) ? pollInterval : FIRST_PAUSE;
			this.pauses = BackOffPolicy.exponential(first, 2.0, pollInterval);
			this.sequence = this.pauses.start();
		}

		@Override
		public void idle() throws InterruptedIOException {
			int count = this.idleCount++;
			if (count < SPINS) {
				Thread.onSpinWait();
			}
			else if (count < SPINS + YIELDS) {
				Thread.yield();
			}
			else {
				if (count == SPINS + YIELDS) {
					this.sequence = this.pauses.start();
				}
				BackOffPolicy.sleep(this.sequence.nextDelayNanos());
				this.idleCount = SPINS + YIELDS + 1;
			}
		}

		@Override
		public void reset() {
			this.idleCount = 0;
		}

	}

}
