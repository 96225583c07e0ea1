package dev.winipc.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every invalid winipc property of a start-up, reported together.
 *
 * @since 0.1.0
 */
public class WinIpcConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<InvalidProperty> invalidProperties;

	/**
	 * Create the exception.
	 * @param invalidProperties the invalid properties, at least one
	 */
	public WinIpcConfigurationException(List<InvalidProperty> invalidProperties) {
		super(message(invalidProperties));
		this.invalidProperties = List.copyOf(invalidProperties);
	}

	/**
	 * Return the invalid properties, in the order they were found.
	 * @return the properties
	 */
	public List<InvalidProperty> getInvalidProperties() {
		return this.invalidProperties;
	}

	private static String message(List<InvalidProperty> invalidProperties) {
		return invalidProperties.size() + " invalid winipc "
				+ ((invalidProperties.size() == 1) ? "property" : "properties") + ":\n"
				+ invalidProperties.stream().map((property) -> "  " + property.describe()).collect(Collectors.joining("\n"));
	}

}
