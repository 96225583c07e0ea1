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

class SharedMemoryPropertiesValidationTests {

	private static final String KEYS = "name, channel, payload-type, charset, access, error-channel, auto-startup, phase, "
			+ "direction, layout, capacity, size, create, idle-strategy, poll-interval, encoding, send-timeout, "
			+ "remove-on-close, generate-id-and-timestamp, signal-event, leader-role";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				invalid("name", "a segment name is required", "direction=inbound", "channel=c"),
				invalid("name", "after its Local\\ or Global\\ namespace it must hold no backslash or slash",
						"name=Local\\a\\b", "direction=inbound", "channel=c"),
				invalid("direction", "a direction is required; accepted values: inbound, outbound", "name=n",
						"channel=c"),
				invalid("direction", "accepted values: inbound, outbound", "name=n", "direction=inbound-gateway",
						"channel=c"),
				invalid("channel", "a channel name is required: the channel the outbound endpoint reads from", "name=n",
						"direction=outbound"),
				invalid("layout", "accepted values: ring, region, seqlock", "name=n", "direction=inbound", "channel=c",
						"layout=queue"),
				invalid("capacity", "must be a power of two from 1024 to 1073741824 bytes", "name=n",
						"direction=inbound", "channel=c", "capacity=1000"),
				invalid("capacity", "must be a power of two from 1024 to 1073741824 bytes", "name=n",
						"direction=inbound", "channel=c", "capacity=2GB"),
				invalid("capacity", "applies to layout ring; a region's content is set by its size", "name=n",
						"direction=inbound", "channel=c", "layout=region", "capacity=4KB"),
				invalid("size", "applies to layout region or seqlock; a ring's size is set by its capacity", "name=n",
						"direction=inbound", "channel=c", "size=4KB"),
				invalid("size", "must be 1 to 1073741824 bytes", "name=n", "direction=inbound", "channel=c",
						"layout=seqlock", "size=0"),
				invalid("encoding", "applies to layout region or seqlock; a ring carries records of bytes", "name=n",
						"direction=inbound", "channel=c", "encoding=utf-16le"),
				invalid("encoding", "accepted values: bytes, utf-8, utf-16le", "name=n", "direction=inbound",
						"channel=c", "layout=region", "encoding=ascii"),
				invalid("idle-strategy", "accepted values: busy-spin, yield, backoff, sleep", "name=n",
						"direction=inbound", "channel=c", "idle-strategy=nap"),
				invalid("poll-interval", "must be positive", "name=n", "direction=inbound", "channel=c",
						"poll-interval=0ms"),
				invalid("send-timeout", "must not be negative", "name=n", "direction=outbound", "channel=c",
						"send-timeout=-1s"),
				invalid("create", "expected true or false", "name=n", "direction=outbound", "channel=c",
						"create=maybe"),
				invalid("access", "must be one of " + PipeOptions.ACCESS_VALUES, "name=n", "direction=inbound",
						"channel=c", "access=everyone"),
				invalid("error-channel", "an outbound endpoint's failed send throws to its sender", "name=n",
						"direction=outbound", "channel=c", "error-channel=e"),
				invalid("generate-id-and-timestamp", "applies to direction inbound", "name=n", "direction=outbound",
						"channel=c", "generate-id-and-timestamp=false"),
				invalid("signal-event", "applies to layout region or seqlock; a ring's reader waits with its idle "
						+ "strategy", "name=n", "direction=inbound", "channel=c", "signal-event=Local\\written"),
				invalid("signal-event", "Invalid event name 'Local\\a\\b'", "name=n", "direction=inbound",
						"channel=c", "layout=region", "signal-event=Local\\a\\b"),
				invalid("leader-role", "applies to direction inbound", "name=n", "direction=outbound", "channel=c",
						"leader-role=ticks-reader"),
				invalid("capcity", "it is not a shared-memory property; a shared-memory accepts " + KEYS, "name=n",
						"direction=inbound", "channel=c", "capcity=1MB"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationFailsNamingThePropertyAndAcceptedValues(String property, String reason,
			String[] properties) {
		assertOnlyInvalid(this.runner, property, reason, properties);
	}

	@Test
	void secondReaderOfARingFailsNamingTheFirst() {
		this.runner.withPropertyValues("winipc.shared-memory.a.name=Local\\ticks",
				"winipc.shared-memory.a.direction=inbound", "winipc.shared-memory.a.channel=c",
				"winipc.shared-memory.b.name=ticks", "winipc.shared-memory.b.direction=inbound",
				"winipc.shared-memory.b.channel=d")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.singleElement()
				.satisfies((failure) -> {
					assertThat(failure.name()).isEqualTo("winipc.shared-memory.b.direction");
					assertThat(failure.reason()).isEqualTo("ring 'ticks' already has its reader, "
							+ "winipc.shared-memory.a.direction (inbound); a ring has one reader and any number of writers");
				}));
	}

	@Test
	void everyInvalidPropertyOfAStartupIsReportedTogether() {
		this.runner.withPropertyValues("winipc.shared-memory.a.name=a", "winipc.shared-memory.a.direction=inbound",
				"winipc.shared-memory.a.channel=c", "winipc.shared-memory.a.capacity=3KB",
				"winipc.shared-memory.a.poll-interval=0s", "winipc.shared-memory.b.direction=outbound",
				"winipc.shared-memory.b.channel=d", "winipc.pipes.p.name=p")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.extracting(InvalidProperty::name)
				.containsExactlyInAnyOrder("winipc.shared-memory.a.capacity", "winipc.shared-memory.a.poll-interval",
						"winipc.shared-memory.b.name", "winipc.pipes.p.direction"));
	}

	private static Arguments invalid(String key, String reason, String... endpointProperties) {
		return ConfigurationFailures.invalid("winipc.shared-memory.ticks.", key, reason, endpointProperties);
	}

}
