package dev.winipc.transport;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A transport setting out of its range, e.g.
 * {@code maxInstances must be 1 to 255, was 0}. It names the setting and what it
 * accepts, so that a configuration layer can report it under its own property name.
 *
 * @since 0.1.0
 */
public class InvalidOptionException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String option;

	private final @Nullable Object value;

	private final String requirement;

	/**
	 * Create the exception.
	 * @param option the setting, e.g. {@code maxInstances}
	 * @param value the rejected value
	 * @param requirement what the setting accepts, e.g. {@code must be 1 to 255}
	 */
	public InvalidOptionException(String option, @Nullable Object value, String requirement) {
		super(option + " " + requirement + ", was " + value);
		this.option = option;
		this.value = value;
		this.requirement = requirement;
	}

	/**
	 * Check a duration setting that may be zero but not negative.
	 * @param option the setting, e.g. {@code sendTimeout}
	 * @param value the value
	 * @return the value
	 * @throws NullPointerException if it is {@code null}
	 * @throws InvalidOptionException if it is negative
	 */
	public static Duration requireNotNegative(String option, Duration value) {
		Objects.requireNonNull(value, () -> option + " must not be null");
		if (value.isNegative()) {
			throw new InvalidOptionException(option, value, "must not be negative");
		}
		return value;
	}

	/** @return the setting, e.g. {@code maxInstances} */
	public String getOption() {
		return this.option;
	}

	/** @return the rejected value */
	public @Nullable Object getValue() {
		return this.value;
	}

	/** @return what the setting accepts, e.g. {@code must be 1 to 255} */
	public String getRequirement() {
		return this.requirement;
	}

}
