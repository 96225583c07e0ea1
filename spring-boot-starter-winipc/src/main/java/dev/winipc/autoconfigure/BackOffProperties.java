package dev.winipc.autoconfigure;

import java.time.Duration;

import dev.winipc.transport.BackOffPolicy;

/**
 * The exponential back-off of an endpoint's connect retries and reconnects,
 * {@code winipc.<kind>.<id>.back-off.*}.
 *
 * @since 0.1.0
 */
public class BackOffProperties {

	/**
	 * First pause between two attempts.
	 */
	private Duration initial = Duration.ofMillis(10);

	/**
	 * Factor each pause grows by, at least 1.
	 */
	private double multiplier = 2.0;

	/**
	 * Longest pause between two attempts.
	 */
	private Duration max = Duration.ofSeconds(1);

	public Duration getInitial() {
		return this.initial;
	}

	public void setInitial(Duration initial) {
		this.initial = initial;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public Duration getMax() {
		return this.max;
	}

	public void setMax(Duration max) {
		this.max = max;
	}

	/**
	 * Return the policy these settings describe.
	 * @return the policy
	 * @throws dev.winipc.transport.InvalidOptionException naming the setting that is out
	 * of range
	 */
	BackOffPolicy toPolicy() {
		return BackOffPolicy.exponential(this.initial, this.multiplier, this.max);
	}

}
