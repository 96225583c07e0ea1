package dev.winipc.integration;

import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import dev.winipc.transport.BackOffPolicy;

/**
 * Adapts a Spring {@link BackOff} (an {@code ExponentialBackOff}, a {@code FixedBackOff})
 * to the {@link BackOffPolicy} winipc's transports retry with.
 * <pre class="code">
 * WinIpc.pipeClient("orders").backOff(SpringBackOff.of(new FixedBackOff(500, FixedBackOff.UNLIMITED_ATTEMPTS)));
 * </pre>
 *
 * @since 0.1.0
 */
public final class SpringBackOff {

	private SpringBackOff() {
	}

	/**
	 * Adapt a Spring back-off. {@link BackOffExecution#STOP} becomes
	 * {@link BackOffPolicy#STOP}: no further attempt.
	 * @param backOff the back-off
	 * @return the policy
	 */
	public static BackOffPolicy of(BackOff backOff) {
		Assert.notNull(backOff, "backOff must not be null");
		return () -> {
			BackOffExecution execution = backOff.start();
			return () -> {
				long millis = execution.nextBackOff();
				if (millis == BackOffExecution.STOP) {
					return BackOffPolicy.STOP;
				}
				return (millis > Long.MAX_VALUE / 1_000_000L) ? Long.MAX_VALUE : Math.max(0, millis) * 1_000_000L;
			};
		};
	}

}
