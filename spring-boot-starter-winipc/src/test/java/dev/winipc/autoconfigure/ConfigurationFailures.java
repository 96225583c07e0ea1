package dev.winipc.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the validation tests of every endpoint kind state an invalid configuration and read
 * back what start-up reported.
 */
final class ConfigurationFailures {

	private ConfigurationFailures() {
	}

	/**
	 * One invalid configuration of an endpoint.
	 * @param prefix the endpoint's properties, e.g. {@code winipc.pipes.orders.}
	 * @param key the property that is reported, e.g. {@code direction}
	 * @param reason what the report must say
	 * @param endpointProperties the endpoint's properties, e.g. {@code name=n}
	 * @return the property's full name, the reason and the properties with their prefix
	 */
	static Arguments invalid(String prefix, String key, String reason, String... endpointProperties) {
		List<String> properties = new ArrayList<>();
		for (String property : endpointProperties) {
			properties.add(prefix + property);
		}
		return Arguments.of(prefix + key, reason, properties.toArray(String[]::new));
	}

	/**
	 * Return every invalid property a start-up failure reported.
	 * @param failure the start-up failure
	 * @return the invalid properties
	 */
	static List<InvalidProperty> invalidProperties(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof WinIpcConfigurationException invalid) {
				return invalid.getInvalidProperties();
			}
		}
		throw new AssertionError("No WinIpcConfigurationException in " + failure, failure);
	}

	/**
	 * Assert that start-up with these properties fails on exactly one property.
	 * @param runner the context runner
	 * @param property the property reported
	 * @param reason what the report says, in part
	 * @param properties the configuration
	 */
	static void assertOnlyInvalid(ApplicationContextRunner runner, String property, String reason,
			String... properties) {
		runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(invalidProperties(context.getStartupFailure())).singleElement().satisfies((failure) -> {
				assertThat(failure.name()).isEqualTo(property);
				assertThat(failure.reason()).contains(reason);
			});
		});
	}

}
