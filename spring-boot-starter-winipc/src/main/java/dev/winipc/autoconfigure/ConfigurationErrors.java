package dev.winipc.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;

import dev.winipc.transport.InvalidOptionException;

/**
 * Collects the invalid properties of a start-up, so that all of them are reported
 * together ({@link #throwIfAny()}), each with the origin of its value where binding saw
 * one.
 *
 * @since 0.1.0
 */
final class ConfigurationErrors {

	private final List<InvalidProperty> invalid = new ArrayList<>();

	private final Map<String, ConfigurationProperty> bound = new HashMap<>();

	/**
	 * Remember a property binding found, for the origin of a later error.
	 * @param property the property
	 */
	void bound(ConfigurationProperty property) {
		this.bound.put(property.getName().toString(), property);
	}

	/**
	 * Record an invalid property; a property already found invalid keeps its first
	 * reason.
	 * @param name the full property name
	 * @param value the value, or {@code null} if it is missing
	 * @param reason why it is refused and what is accepted
	 */
	void reject(String name, @Nullable Object value, String reason) {
		if (isRejected(name)) {
			return;
		}
		@Nullable ConfigurationProperty property = this.bound.get(name);
		@Nullable Origin origin = (property != null) ? property.getOrigin() : null;
		@Nullable Object shown = (property != null && property.getValue() != null) ? property.getValue() : value;
		this.invalid.add(new InvalidProperty(name, shown, origin, reason));
	}

	/**
	 * Return whether a property was already found invalid.
	 * @param name the full property name
	 * @return {@code true} if it was
	 */
	boolean isRejected(String name) {
		return this.invalid.stream().anyMatch((property) -> property.name().equals(name));
	}

	/**
	 * Return the errors of one endpoint, which name its properties by key.
	 * @param kind the kind's key, e.g. {@code pipes}
	 * @param id the endpoint's id
	 * @return the endpoint's errors
	 */
	EndpointErrors endpoint(String kind, String id) {
		return new EndpointErrors(kind, id);
	}

	/** @return whether no property was found invalid */
	boolean isEmpty() {
		return this.invalid.isEmpty();
	}

	/**
	 * Fail with every invalid property, if there is one.
	 * @throws WinIpcConfigurationException if any property was invalid
	 */
	void throwIfAny() {
		if (!this.invalid.isEmpty()) {
			throw new WinIpcConfigurationException(this.invalid);
		}
	}

	/**
	 * Wrap a setter so that a value it refuses becomes an error of the property, with the
	 * setter's own account of what it accepts: every range check stays in the setter.
	 * @param <T> the value's type
	 * @param name the full name of the property the value comes from
	 * @param setter the setter
	 * @return the guarded setter
	 */
	<T> Consumer<T> guard(String name, Consumer<T> setter) {
		return (value) -> {
			try {
				setter.accept(value);
			}
			catch (InvalidOptionException ex) {
				// A nested setting (backOff.initial) is reported under its own key.
				int dot = ex.getOption().indexOf('.');
				String nested = (dot < 0) ? name
						: name + "." + DataObjectPropertyName.toDashedForm(ex.getOption().substring(dot + 1));
				reject(nested, (dot < 0) ? value : ex.getValue(), ex.getRequirement());
			}
			catch (IllegalArgumentException ex) {
				reject(name, value, String.valueOf(ex.getMessage()));
			}
		};
	}

	/**
	 * The full name of a property of an endpoint.
	 * @param kind the kind's key, e.g. {@code pipes}
	 * @param id the endpoint's id
	 * @param key the property, e.g. {@code direction}
	 * @return e.g. {@code winipc.pipes.orders.direction}
	 */
	static String propertyName(String kind, String id, String key) {
		String element = (id.indexOf('.') >= 0) ? "[" + id + "]" : id;
		return WinIpcProperties.PREFIX + "." + kind + "." + element + "." + key;
	}

	/**
	 * The errors of one endpoint.
	 */
	final class EndpointErrors {

		private final String kind;

		private final String id;

		private EndpointErrors(String kind, String id) {
			this.kind = kind;
			this.id = id;
		}

		/**
		 * Return the full name of one of the endpoint's properties.
		 * @param key e.g. {@code direction}
		 * @return e.g. {@code winipc.pipes.orders.direction}
		 */
		String propertyName(String key) {
			return ConfigurationErrors.propertyName(this.kind, this.id, key);
		}

		/**
		 * Record an invalid property of the endpoint.
		 * @param key the property, e.g. {@code direction}
		 * @param value the value, or {@code null} if it is missing
		 * @param reason why it is refused and what is accepted
		 */
		void reject(String key, @Nullable Object value, String reason) {
			ConfigurationErrors.this.reject(propertyName(key), value, reason);
		}

		/**
		 * Wrap a setter so that a value it refuses becomes an error of the property,
		 * with the setter's own account of what it accepts: every range check stays in
		 * the setter.
		 * @param <T> the value's type
		 * @param key the property the value comes from
		 * @param setter the setter
		 * @return the guarded setter
		 */
		<T> Consumer<T> guard(String key, Consumer<T> setter) {
			return ConfigurationErrors.this.guard(propertyName(key), setter);
		}

	}

}
