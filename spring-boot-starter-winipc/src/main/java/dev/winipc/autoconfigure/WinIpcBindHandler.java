package dev.winipc.autoconfigure;

import java.nio.charset.Charset;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.util.unit.DataSize;

/**
 * Binds {@code winipc.*} without stopping at the first bad value: a value that does not
 * convert, and a property that winipc does not have, each become an error of
 * {@link ConfigurationErrors} naming the property and what it accepts, and binding goes
 * on with the property's default.
 *
 * @since 0.1.0
 */
final class WinIpcBindHandler extends AbstractBindHandler {

	private final ConfigurationErrors errors;

	WinIpcBindHandler(ConfigurationErrors errors) {
		super(new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		this.errors = errors;
	}

	@Override
	public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			Object result) {
		@Nullable ConfigurationProperty property = context.getConfigurationProperty();
		if (property != null) {
			this.errors.bound(property);
		}
		return super.onSuccess(name, target, context, result);
	}

	@Override
	public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			Exception error) {
		@Nullable ConfigurationProperty property = context.getConfigurationProperty();
		if (property != null) {
			this.errors.bound(property);
		}
		Class<?> type = target.getType().resolve(Object.class);
		this.errors.reject(name.toString(), (property != null) ? property.getValue() : null, expected(type, error));
		// The property keeps its default; binding goes on to find the other errors.
		return null;
	}

	@Override
	public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			@Nullable Object result) throws Exception {
		try {
			super.onFinish(name, target, context, result);
		}
		catch (UnboundConfigurationPropertiesException ex) {
			for (ConfigurationProperty unbound : ex.getUnboundProperties()) {
				String unboundName = unbound.getName().toString();
				if (!this.errors.isRejected(unboundName)) {
					this.errors.bound(unbound);
					this.errors.reject(unboundName, unbound.getValue(), PropertyKeys.unknown(unbound.getName()));
				}
			}
		}
	}

	/**
	 * Say what a property of a type accepts.
	 * @param type the property's type
	 * @param error what the conversion threw
	 * @return e.g. {@code expected a duration such as 500ms, 5s or PT5S}
	 */
	static String expected(Class<?> type, Exception error) {
		if (type.isEnum()) {
			return "it is not one of the accepted values: " + PropertyKeys.acceptedValues(type);
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
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "expected a whole number";
		}
		if (type == double.class || type == Double.class) {
			return "expected a number such as 1.5";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "expected true or false";
		}
		Throwable cause = (error.getCause() != null) ? error.getCause() : error;
		return "expected a " + type.getSimpleName() + ": " + cause.getMessage();
	}

}
