package dev.winipc.autoconfigure;

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
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;

import dev.winipc.transport.PipeOptions;

import static dev.winipc.autoconfigure.ConfigurationFailures.assertOnlyInvalid;
import static dev.winipc.autoconfigure.ConfigurationFailures.invalidProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class PipePropertiesValidationTests {

	private static final String DIRECTIONS = "accepted values: inbound, outbound, inbound-gateway, outbound-gateway";

	private static final String PIPE_KEYS = "name, channel, payload-type, charset, access, error-channel, auto-startup, "
			+ "phase, direction, role, "
			+ "reply-channel, framing, max-message-size, max-instances, buffer-size, connect-timeout, reply-timeout, "
			+ "back-off.initial, back-off.multiplier, back-off.max";

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
				invalid("max-message-size", "must be positive", "name=n", "direction=inbound", "channel=c",
						"max-message-size=0"),
				invalid("max-message-size", "must be at most 2147483647B", "name=n", "direction=inbound",
						"channel=c", "max-message-size=3GB"),
				invalid("max-message-size", "expected a size such as 65536, 64KB or 1MB", "name=n",
						"direction=inbound", "channel=c", "max-message-size=lots"),
				invalid("max-instances", "must be 1 to 255", "name=n", "direction=inbound", "channel=c",
						"max-instances=0"),
				invalid("max-instances", "must be 1 to 255", "name=n", "direction=inbound", "channel=c",
						"max-instances=256"),
				invalid("max-instances", "expected a whole number", "name=n", "direction=inbound", "channel=c",
						"max-instances=many"),
				invalid("buffer-size", "must be positive", "name=n", "direction=inbound", "channel=c",
						"buffer-size=0"),
				invalid("connect-timeout", "must not be negative", "name=n", "direction=outbound", "channel=c",
						"connect-timeout=-1s"),
				invalid("reply-timeout", "must be positive", "name=n", "direction=outbound-gateway", "channel=c",
						"reply-timeout=0s"),
				invalid("reply-timeout", "expected a duration such as 500ms, 5s or PT5S", "name=n",
						"direction=outbound-gateway", "channel=c", "reply-timeout=soon"),
				invalid("charset", "expected a charset this JVM supports", "name=n", "direction=inbound",
						"channel=c", "charset=no-such-charset"),
				invalid("access", "must be one of " + PipeOptions.ACCESS_VALUES, "name=n", "direction=inbound",
						"channel=c", "access=everyone"),
				invalid("back-off.initial", "must be positive", "name=n", "direction=inbound", "channel=c",
						"back-off.initial=0ms"),
				invalid("back-off.multiplier", "must be a number of at least 1", "name=n", "direction=inbound",
						"channel=c", "back-off.multiplier=0.5"),
				invalid("back-off.multiplier", "expected a number such as 1.5", "name=n", "direction=inbound",
						"channel=c", "back-off.multiplier=fast"),
				invalid("back-off.max", "must be at least backOff.initial", "name=n", "direction=inbound",
						"channel=c", "back-off.initial=2s", "back-off.max=1s"),
				invalid("error-channel", "an outbound endpoint's failed send throws to its sender; error-channel "
						+ "applies to endpoints that receive", "name=n", "direction=outbound", "channel=c",
						"error-channel=e"),
				invalid("error-channel", "an outbound-gateway endpoint's failed send throws to its sender", "name=n",
						"direction=outbound-gateway", "channel=c", "error-channel=e"),
				invalid("auto-startup", "expected true or false", "name=n", "direction=inbound", "channel=c",
						"auto-startup=later"),
				invalid("phase", "expected a whole number", "name=n", "direction=inbound", "channel=c", "phase=first"),
				invalid("chanel", "it is not a pipe property; a pipe accepts " + PIPE_KEYS, "name=n",
						"direction=inbound", "channel=c", "chanel=d"),
				invalid("back-off.initail", "it is not a back-off property; back-off accepts initial, multiplier, max",
						"name=n", "direction=inbound", "channel=c", "back-off.initail=1s"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationFailsNamingThePropertyAndAcceptedValues(String property, String reason,
			String[] properties) {
		assertOnlyInvalid(this.runner, property, reason, properties);
	}

	@Test
	void everyInvalidPropertyOfAStartupIsReportedTogether() {
		this.runner
			.withPropertyValues("winipc.pipes.a.name=a", "winipc.pipes.a.direction=sideways", "winipc.pipes.a.channel=c",
					"winipc.pipes.b.name=b", "winipc.pipes.b.direction=inbound", "winipc.pipes.b.channel=c",
					"winipc.pipes.b.max-instances=0", "winipc.pipes.b.framing=json", "winipc.pipes.c.direction=outbound",
					"winipc.pipes.c.chanel=c", "winipc.shutdown-timeout=soon")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.extracting(InvalidProperty::name)
				.containsExactlyInAnyOrder("winipc.pipes.a.direction", "winipc.pipes.b.framing",
						"winipc.pipes.b.max-instances", "winipc.pipes.c.name", "winipc.pipes.c.channel",
						"winipc.pipes.c.chanel", "winipc.shutdown-timeout"));
	}

	@Test
	void unknownTopLevelPropertyListsWhatWinipcAccepts() {
		this.runner.withPropertyValues("winipc.pipez.a.name=a").run((context) -> {
			InvalidProperty invalid = invalidProperties(context.getStartupFailure()).get(0);
			assertThat(invalid.name()).isEqualTo("winipc.pipez.a.name");
			assertThat(invalid.reason())
				.isEqualTo("it is not a winipc property; winipc accepts shutdown-timeout, graceful-sigterm, pipes, "
						+ "mailslots, shared-memory, events, locks.enabled, locks.name-prefix, locks.acquire-timeout, "
						+ "locks.access");
		});
	}

	@Test
	void secondReceivingEndpointOnAServedPipeFailsNamingBoth() {
		this.runner.withPropertyValues("winipc.pipes.a.name=same", "winipc.pipes.a.direction=inbound",
				"winipc.pipes.a.channel=c", "winipc.pipes.b.name=same", "winipc.pipes.b.direction=inbound-gateway",
				"winipc.pipes.b.channel=d")
			.run((context) -> {
				InvalidProperty failure = invalidProperties(context.getStartupFailure()).get(0);
				assertThat(failure.name()).isEqualTo("winipc.pipes.b.direction");
				assertThat(failure.reason()).isEqualTo("pipe 'same' already has its receiving endpoint, "
						+ "winipc.pipes.a.direction (inbound); one served pipe has one inbound endpoint or outbound "
						+ "gateway, and any number of outbound adapters");
			});
	}

	@Test
	void endpointsSharingAServedPipeMustAgreeOnItsSettings() {
		this.runner.withPropertyValues("winipc.pipes.a.name=same", "winipc.pipes.a.direction=inbound",
				"winipc.pipes.a.channel=c", "winipc.pipes.a.framing=crlf", "winipc.pipes.b.name=same",
				"winipc.pipes.b.direction=outbound", "winipc.pipes.b.role=server", "winipc.pipes.b.channel=d")
			.run((context) -> {
				InvalidProperty failure = invalidProperties(context.getStartupFailure()).get(0);
				assertThat(failure.name()).isEqualTo("winipc.pipes.b.framing");
				assertThat(failure.reason()).startsWith("differs from winipc.pipes.a.framing (CRLF)");
			});
	}

	@Test
	void missingChannelIsAnErrorWhenChannelsAreNotAutoCreated() {
		this.runner.withUserConfiguration(EventsChannel.class)
			.withPropertyValues("spring.integration.channel.auto-create=false", "winipc.pipes.a.name=a",
					"winipc.pipes.a.direction=inbound-gateway", "winipc.pipes.a.channel=events",
					"winipc.pipes.a.reply-channel=replies")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure())).singleElement()
				.satisfies((failure) -> {
					assertThat(failure.name()).isEqualTo("winipc.pipes.a.reply-channel");
					assertThat(failure.reason()).isEqualTo("no channel named 'replies' is defined, and "
							+ "spring.integration.channel.auto-create is false; define it as a bean");
				}));
	}

	@Test
	void startupFailureReportListsEveryPropertyWithItsAcceptedValues(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(MinimalApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "winipc.pipes.orders.name=orders",
					"winipc.pipes.orders.direction=sideways", "winipc.pipes.orders.channel=order-requests",
					"winipc.pipes.orders.max-instances=300");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("winipc found 2 invalid properties:")
			.contains("Invalid value 'sideways' for configuration property 'winipc.pipes.orders.direction'")
			.contains(DIRECTIONS)
			.contains("Invalid value '300' for configuration property 'winipc.pipes.orders.max-instances'")
			.contains("must be 1 to 255");
	}

	private static Arguments invalid(String key, String reason, String... properties) {
		return ConfigurationFailures.invalid("winipc.pipes.orders.", key, reason, properties);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class EventsChannel {

		@Bean
		QueueChannel events() {
			return new QueueChannel();
		}

	}

}
