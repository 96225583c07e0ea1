package dev.winipc.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The keys and values of winipc's properties as configuration writes them, read from
 * the properties classes themselves: a property added to a class is listed in every
 * message without further work.
 *
 * @since 0.1.0
 */
final class PropertyKeys {

	private PropertyKeys() {
	}

	/**
	 * Explain why a property winipc does not have is refused: what the enclosing object
	 * is and which keys it has.
	 * @param name the unknown property, e.g. {@code winipc.pipes.orders.chanel}
	 * @return e.g. {@code it is not a pipe property; a pipe accepts name, channel, ...}
	 */
	static String unknown(ConfigurationPropertyName name) {
		Class<?> type = WinIpcProperties.class;
		String what = WinIpcProperties.PREFIX;
		// winipc . pipes . <id> . key ...: walk the properties classes along the name.
		for (int i = 1; i < name.getNumberOfElements() - 1; i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
			@Nullable Field field = field(type, element);
			if (field == null) {
				break;
			}
			ResolvableType fieldType = ResolvableType.forField(field);
			if (Map.class.isAssignableFrom(fieldType.toClass())) {
				type = fieldType.asMap().getGeneric(1).toClass();
				what = endpointDescription(type);
				i++;
			}
			else if (isPropertiesClass(fieldType.toClass())) {
				type = fieldType.toClass();
				what = element;
			}
			else {
				break;
			}
		}
		String article = (what.matches("[aeiou].*")) ? "an " : "a ";
		String subject = EndpointProperties.class.isAssignableFrom(type) ? article + what : what;
		return "it is not " + article + what + " property; " + subject + " accepts " + String.join(", ", keys(type));
	}

	/**
	 * Return the keys a properties class accepts, in declaration order, its superclass's
	 * first, nested properties classes spelled out.
	 * @param type the class
	 * @return e.g. {@code name, channel, ..., back-off.initial, back-off.multiplier}
	 */
	static List<String> keys(Class<?> type) {
		List<String> keys = new ArrayList<>();
		for (Field field : fields(type)) {
			String key = DataObjectPropertyName.toDashedForm(field.getName());
			if (isPropertiesClass(field.getType())) {
				keys(field.getType()).forEach((nested) -> keys.add(key + "." + nested));
			}
			else {
				keys.add(key);
			}
		}
		return keys;
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

	private static String endpointDescription(Class<?> type) {
		String simple = type.getSimpleName().replace("Properties", "");
		return DataObjectPropertyName.toDashedForm(Character.toLowerCase(simple.charAt(0)) + simple.substring(1));
	}

	private static boolean isPropertiesClass(Class<?> type) {
		return type.getName().startsWith("dev.winipc.autoconfigure.") && type.getSimpleName().endsWith("Properties");
	}

	private static @Nullable Field field(Class<?> type, String dashed) {
		for (Field field : fields(type)) {
			if (DataObjectPropertyName.toDashedForm(field.getName()).equals(dashed)) {
				return field;
			}
		}
		return null;
	}

	/** The bindable fields: instance fields with a setter, superclasses' first. */
	private static List<Field> fields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
			fields.addAll(fields(type.getSuperclass()));
		}
		for (Field field : type.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers()) && BeanUtils.getPropertyDescriptor(type, field.getName()) != null
					&& BeanUtils.getPropertyDescriptor(type, field.getName()).getWriteMethod() != null) {
				fields.add(field);
			}
		}
		return fields;
	}

}
