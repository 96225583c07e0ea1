package dev.winipc.autoconfigure;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import dev.winipc.autoconfigure.WinIpcProperties.Pipe;

/**
 * Binds {@code winipc.pipes} ahead of bean creation, so that endpoints can be registered
 * per entry, and turns every binding failure into an
 * {@link InvalidConfigurationPropertyValueException} naming the property and what it
 * accepts.
 *
 * @since 0.1.0
 */
final class PipePropertiesBinder {

	static final String PREFIX = "winipc.pipes";

	static final String KEYS = "name, direction, role, channel, reply-channel, framing, max-message-size, "
			+ "max-instances, connect-timeout, reply-timeout, payload-type, charset, access";

	private PipePropertiesBinder() {
	}

	/**
	 * Bind and validate every pipe.
	 * @param binder the environment's binder
	 * @return the pipes by id, in declaration order
	 * @throws InvalidConfigurationPropertyValueException for the first invalid property
	 */
	static Map<String, Pipe> bind(Binder binder) {
		Map<String, Pipe> pipes;
		try {
			pipes = binder
				.bind(PREFIX, Bindable.mapOf(String.class, Pipe.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElseGet(LinkedHashMap::new);
		}
		catch (BindException ex) {
			throw translate(ex);
		}
		PipePropertiesValidator.validate(pipes);
		return pipes;
	}

	/**
	 * Return the full name of one property of a pipe.
	 * @param id the pipe's id
	 * @param key the property, e.g. {@code direction}
	 * @return e.g. {@code winipc.pipes.orders.direction}
	 */
	static String propertyName(String id, String key) {
		String element = (id.indexOf('.') >= 0) ? "[" + id + "]" : id;
		return PREFIX + "." + element + "." + key;
	}

	private static InvalidConfigurationPropertyValueException translate(BindException ex) {
		InvalidConfigurationPropertyValueException invalid;
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound
				&& !unbound.getUnboundProperties().isEmpty()) {
			ConfigurationProperty first = unbound.getUnboundProperties().iterator().next();
			invalid = new InvalidConfigurationPropertyValueException(first.getName().toString(), first.getValue(),
					"it is not a pipe property; a pipe accepts " + KEYS);
		}
		else {
			@Nullable ConfigurationProperty property = ex.getProperty();
			Class<?> type = ex.getTarget().getType().resolve(Object.class);
			invalid = new InvalidConfigurationPropertyValueException(ex.getName().toString(),
					(property != null) ? property.getValue() : null, expected(type, ex));
		}
		invalid.addSuppressed(ex);
		return invalid;
	}

	private static String expected(Class<?> type, BindException ex) {
		if (type.isEnum()) {
			return "it is not one of the accepted values: " + acceptedValues(type);
		}
		if (type == Duration.class) {
			return "expected a duration such as 500ms, 5s or PT5S";
		}
		if (type == DataSize.class) {
			return "expected a size such as 65536, 64KB or 1MB";
		}
		if (type == Charset.class) {
			return "expected a charset this JVM supports, such as UTF-8, UTF-16LE or windows-1252";
		}
		if (type == int.class || type == Integer.class) {
			return "expected a whole number";
		}
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return "expected a " + type.getSimpleName() + ": " + cause.getMessage();
	}

	/**
	 * Return an enum's values as written in configuration.
	 * @param type the enum
	 * @return e.g. {@code inbound, outbound, inbound-gateway, outbound-gateway}
	 */
	static String acceptedValues(Class<?> type) {
		return Arrays.stream(type.getEnumConstants())
			.map((constant) -> propertyValue((Enum<?>) constant))
			.collect(Collectors.joining(", "));
	}

	/**
	 * Return an enum value as written in configuration.
	 * @param value the value
	 * @return e.g. {@code inbound-gateway}
	 */
	static String propertyValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
