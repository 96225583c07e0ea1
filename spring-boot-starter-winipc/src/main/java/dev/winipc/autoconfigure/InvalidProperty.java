package dev.winipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;

/**
 * One invalid winipc property: its full name, the value as configured, where it was
 * configured, and why it is refused, with the values it accepts.
 *
 * @param name the full property name, e.g. {@code winipc.pipes.orders.direction}
 * @param value the configured value, or {@code null} when the property is missing
 * @param origin where the value came from, or {@code null} if not known
 * @param reason why it is refused, e.g. {@code accepted values: inbound, outbound, ...}
 * @since 0.1.0
 */
public record InvalidProperty(String name, @Nullable Object value, @Nullable Origin origin, String reason) {

	/**
	 * Describe the property for a start-up report.
	 * @return e.g. {@code Invalid value 'sideways' for configuration property 'winipc.pipes.orders.direction'
	 * (originating from ...): accepted values: inbound, ...}
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		if (this.value != null) {
			text.append("Invalid value '").append(this.value).append("' for configuration property '");
		}
		else {
			text.append("Missing configuration property '");
		}
		text.append(this.name).append('\'');
		if (this.origin != null) {
			text.append(" (originating from '").append(this.origin).append("')");
		}
		return text.append(": ").append(this.reason).toString();
	}

}
