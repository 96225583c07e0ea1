package dev.winipc.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class PipePropertiesValidationTests {

	private static final String DIRECTIONS = "accepted values: inbound, outbound, inbound-gateway, outbound-gateway";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				invalid("name", "a pipe name is required", "direction=inbound", "channel=c"),
				invalid("direction", "a direction is required; " + DIRECTIONS, "name=n", "channel=c"),
				invalid("direction", DIRECTIONS, "name=n", "direction=sideways", "channel=c"),
				invalid("role", "accepted values: server, client", "name=n", "direction=inbound", "role=listener",
						"channel=c"),
				invalid("framing", "accepted values: message, length-header-1, length-header-2, length-header-4, "
						+ "crlf, lf, null, stx-etx, raw", "name=n", "direction=inbound", "channel=c", "framing=json"),
				invalid("payload-type", "accepted values: bytes, string", "name=n", "direction=inbound", "channel=c",
						"payload-type=text"),
				invalid("channel", "a channel name is required", "name=n", "direction=outbound"),
				invalid("reply-channel", "reply-channel applies to direction inbound-gateway or outbound-gateway",
						"name=n", "direction=inbound", "channel=c", "reply-channel=r"),
				invalid("reply-channel", "reply-channel applies to direction inbound-gateway or outbound-gateway",
						"name=n", "direction=outbound", "channel=c", "reply-channel=r"),
				invalid("framing", "accepted values for a gateway: message, length-header-1, length-header-2, "
						+ "length-header-4, crlf, lf, null, stx-etx", "name=n", "direction=inbound-gateway",
						"channel=c", "framing=raw"),
				invalid("framing", "raw framing carries one message per connection", "name=n",
						"direction=outbound-gateway", "channel=c", "framing=raw"),
				invalid("max-message-size", "must be between 1B and 2147483647B", "name=n", "direction=inbound",
						"channel=c", "max-message-size=0"),
				invalid("max-message-size", "must be between 1B and 2147483647B", "name=n", "direction=inbound",
						"channel=c", "max-message-size=3GB"),
				invalid("max-message-size", "expected a size such as 65536, 64KB or 1MB", "name=n",
						"direction=inbound", "channel=c", "max-message-size=lots"),
				invalid("max-instances", "must be between 1 and 255", "name=n", "direction=inbound", "channel=c",
						"max-instances=0"),
				invalid("max-instances", "must be between 1 and 255", "name=n", "direction=inbound", "channel=c",
						"max-instances=256"),
				invalid("max-instances", "expected a whole number", "name=n", "direction=inbound", "channel=c",
						"max-instances=many"),
				invalid("connect-timeout", "must not be negative", "name=n", "direction=outbound", "channel=c",
						"connect-timeout=-1s"),
				invalid("reply-timeout", "must be positive", "name=n", "direction=outbound-gateway", "channel=c",
						"reply-timeout=0s"),
				invalid("reply-timeout", "expected a duration such as 500ms, 5s or PT5S", "name=n",
						"direction=outbound-gateway", "channel=c", "reply-timeout=soon"),
				invalid("charset", "expected a charset this JVM supports", "name=n", "direction=inbound",
						"channel=c", "charset=no-such-charset"),
				invalid("access", "accepted values: current-user, an SDDL string such as D:P(A;;GA;;;AU) (Windows) "
						+ "or an octal file mode such as 0660 (POSIX)", "name=n", "direction=inbound", "channel=c",
						"access=everyone"),
				invalid("chanel", "it is not a pipe property; a pipe accepts name, direction, role, channel, "
						+ "reply-channel, framing, max-message-size, max-instances, connect-timeout, reply-timeout, "
						+ "payload-type, charset, access", "name=n", "direction=inbound", "channel=c", "chanel=d"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationFailsNamingThePropertyAndAcceptedValues(String property, String reason,
			String[] properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			InvalidConfigurationPropertyValueException failure = findInvalidProperty(context.getStartupFailure());
			assertThat(failure.getName()).isEqualTo(property);
			assertThat(failure.getMessage()).startsWith("Property " + property + " with value ").contains(reason);
		});
	}

	@Test
	void pipeNameServedTwiceFails() {
		this.runner.withPropertyValues("winipc.pipes.a.name=same", "winipc.pipes.a.direction=inbound",
				"winipc.pipes.a.channel=c", "winipc.pipes.b.name=same", "winipc.pipes.b.direction=outbound",
				"winipc.pipes.b.role=server", "winipc.pipes.b.channel=d")
			.run((context) -> {
				InvalidConfigurationPropertyValueException failure = findInvalidProperty(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("winipc.pipes.b.name");
				assertThat(failure.getReason()).isEqualTo(
						"pipe 'same' is already served by winipc.pipes.a; an application serves a pipe name once");
			});
	}

	@Test
	void startupFailureReportNamesThePropertyAndTheAcceptedValues(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(MinimalApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "winipc.pipes.orders.name=orders",
					"winipc.pipes.orders.direction=sideways", "winipc.pipes.orders.channel=order-requests");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'sideways' for configuration property 'winipc.pipes.orders.direction'")
			.contains(DIRECTIONS);
	}

	private static Arguments invalid(String key, String reason, String... pipeProperties) {
		List<String> properties = new ArrayList<>();
		for (String property : pipeProperties) {
			properties.add("winipc.pipes.orders." + property);
		}
		return Arguments.of("winipc.pipes.orders." + key, reason, properties.toArray(String[]::new));
	}

	private static InvalidConfigurationPropertyValueException findInvalidProperty(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidConfigurationPropertyValueException in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

}
