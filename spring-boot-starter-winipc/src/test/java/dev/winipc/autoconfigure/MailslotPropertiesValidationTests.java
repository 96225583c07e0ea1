package dev.winipc.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.winipc.transport.PipeOptions;

import static dev.winipc.autoconfigure.ConfigurationFailures.assertOnlyInvalid;
import static dev.winipc.autoconfigure.ConfigurationFailures.invalidProperties;
import static org.assertj.core.api.Assertions.assertThat;

class MailslotPropertiesValidationTests {

	private static final String MAILSLOT_KEYS = "name, channel, payload-type, charset, access, error-channel, "
			+ "auto-startup, phase, direction, "
			+ "max-message-size, read-timeout, send-timeout";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				invalid("name", "a mailslot name is required, e.g. 'HelloWorld'", "direction=inbound", "channel=c"),
				invalid("direction", "a direction is required; accepted values: inbound, outbound", "name=n",
						"channel=c"),
				invalid("direction", "it is not one of the accepted values: inbound, outbound", "name=n",
						"direction=inbound-gateway", "channel=c"),
				invalid("channel", "a channel name is required: the channel the inbound endpoint sends to", "name=n",
						"direction=inbound"),
				invalid("channel", "a channel name is required: the channel the outbound endpoint reads from",
						"name=n", "direction=outbound"),
				invalid("max-message-size", "must be 1 to 2147483646", "name=n", "direction=inbound", "channel=c",
						"max-message-size=0"),
				invalid("max-message-size", "must be at most 2147483647B", "name=n", "direction=inbound", "channel=c",
						"max-message-size=3GB"),
				invalid("max-message-size", "expected a size such as 65536, 64KB or 1MB", "name=n",
						"direction=inbound", "channel=c", "max-message-size=lots"),
				invalid("read-timeout", "must be 0 to 2147483647ms (about 24 days), or unset to wait until a message arrives",
						"name=n", "direction=inbound", "channel=c", "read-timeout=-1s"),
				invalid("read-timeout", "expected a duration such as 500ms, 5s or PT5S", "name=n", "direction=inbound",
						"channel=c", "read-timeout=soon"),
				invalid("send-timeout", "must not be negative", "name=n", "direction=outbound", "channel=c",
						"send-timeout=-5s"),
				invalid("payload-type", "accepted values: bytes, string", "name=n", "direction=inbound", "channel=c",
						"payload-type=text"),
				invalid("charset", "expected a charset this JVM supports", "name=n", "direction=inbound", "channel=c",
						"charset=no-such-charset"),
				invalid("access", "must be one of " + PipeOptions.ACCESS_VALUES, "name=n", "direction=inbound",
						"channel=c", "access=everyone"),
				invalid("error-channel", "an outbound endpoint's failed send throws to its sender", "name=n",
						"direction=outbound", "channel=c", "error-channel=e"),
				invalid("framing", "it is not a mailslot property; a mailslot accepts " + MAILSLOT_KEYS, "name=n",
						"direction=inbound", "channel=c", "framing=crlf"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationFailsNamingThePropertyAndAcceptedValues(String property, String reason,
			String[] properties) {
		assertOnlyInvalid(this.runner, property, reason, properties);
	}

	@Test
	void secondReaderOfAMailslotFailsNamingBoth() {
		this.runner.withPropertyValues("winipc.mailslots.a.name=same", "winipc.mailslots.a.direction=inbound",
				"winipc.mailslots.a.channel=c", "winipc.mailslots.b.name=same", "winipc.mailslots.b.direction=inbound",
				"winipc.mailslots.b.channel=d", "winipc.mailslots.w.name=same", "winipc.mailslots.w.direction=outbound",
				"winipc.mailslots.w.channel=e")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure())).singleElement()
				.satisfies((failure) -> {
					assertThat(failure.name()).isEqualTo("winipc.mailslots.b.direction");
					assertThat(failure.reason()).isEqualTo("mailslot 'same' already has its reader, "
							+ "winipc.mailslots.a.direction (inbound); a mailslot has one reader, and any number of "
							+ "outbound writers");
				}));
	}

	@Test
	void invalidMailslotsAndPipesAreReportedTogether() {
		this.runner
			.withPropertyValues("winipc.mailslots.a.name=a", "winipc.mailslots.a.direction=sideways",
					"winipc.mailslots.a.channel=c", "winipc.mailslots.b.direction=outbound",
					"winipc.mailslots.b.send-timeout=never", "winipc.pipes.p.name=p", "winipc.pipes.p.channel=c")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.extracting(InvalidProperty::name)
				.containsExactlyInAnyOrder("winipc.mailslots.a.direction", "winipc.mailslots.b.name",
						"winipc.mailslots.b.channel", "winipc.mailslots.b.send-timeout", "winipc.pipes.p.direction"));
	}

	private static Arguments invalid(String key, String reason, String... properties) {
		return ConfigurationFailures.invalid("winipc.mailslots.hello.", key, reason, properties);
	}

}
