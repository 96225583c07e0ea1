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
import static org.assertj.core.api.Assertions.tuple;

class EventPropertiesValidationTests {

	private static final String KEYS = "name, channel, payload-type, charset, access, error-channel, auto-startup, phase, "
			+ "direction, manual-reset, "
			+ "initial-state, create, action, leader-role";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(invalid("name", "an event name is required", "direction=inbound", "channel=c"),
				invalid("name", "after its Local\\ or Global\\ namespace it must hold no backslash or slash",
						"name=Local\\a/b", "direction=inbound", "channel=c"),
				invalid("direction", "a direction is required; accepted values: inbound, outbound", "name=n",
						"channel=c"),
				invalid("direction", "accepted values: inbound, outbound", "name=n", "direction=both", "channel=c"),
				invalid("channel", "a channel name is required: the channel the inbound endpoint sends to", "name=n",
						"direction=inbound"),
				invalid("action", "applies to direction outbound", "name=n", "direction=inbound", "channel=c",
						"action=reset"),
				invalid("action", "accepted values: set, pulse, reset", "name=n", "direction=outbound", "channel=c",
						"action=toggle"),
				invalid("leader-role", "applies to direction inbound", "name=n", "direction=outbound", "channel=c",
						"leader-role=watcher"),
				invalid("manual-reset", "expected true or false", "name=n", "direction=inbound", "channel=c",
						"manual-reset=sometimes"),
				invalid("access", "must be one of " + PipeOptions.ACCESS_VALUES, "name=n", "direction=inbound",
						"channel=c", "access=everyone"),
				invalid("manul-reset", "it is not an event property; an event accepts " + KEYS, "name=n",
						"direction=inbound", "channel=c", "manul-reset=true"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidConfigurations")
	void invalidConfigurationFailsNamingThePropertyAndAcceptedValues(String property, String reason,
			String[] properties) {
		assertOnlyInvalid(this.runner, property, reason, properties);
	}

	@Test
	void secondWaiterOnAnAutoResetEventFailsNamingTheFirst() {
		this.runner.withPropertyValues("winipc.events.a.name=Local\\written", "winipc.events.a.direction=inbound",
				"winipc.events.a.channel=c", "winipc.events.b.name=written", "winipc.events.b.direction=inbound",
				"winipc.events.b.channel=d")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.singleElement()
				.satisfies((failure) -> {
					assertThat(failure.name()).isEqualTo("winipc.events.b.direction");
					assertThat(failure.reason()).isEqualTo("auto-reset event 'written' already has its waiter, "
							+ "winipc.events.a.direction (inbound); an auto-reset event wakes one waiter per set, so a second "
							+ "would take signals from it");
				}));
	}

	@Test
	void manualResetEventMayHaveManyWaiters() {
		this.runner.withPropertyValues("winipc.events.a.name=Local\\ready", "winipc.events.a.direction=inbound",
				"winipc.events.a.manual-reset=true", "winipc.events.a.channel=c", "winipc.events.b.name=ready",
				"winipc.events.b.direction=inbound", "winipc.events.b.manual-reset=true", "winipc.events.b.channel=d",
				"winipc.events.a.leader-role=watcher")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("a" + EventEndpoints.INBOUND_CHANNEL_ADAPTER)
				.hasBean("b" + EventEndpoints.INBOUND_CHANNEL_ADAPTER));
	}

	@Test
	void invalidLockSettingsAreReportedWithEveryOtherError() {
		this.runner.withPropertyValues("winipc.locks.name-prefix=Local\\a\\", "winipc.events.a.name=a",
				"winipc.events.a.direction=outbound")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.extracting(InvalidProperty::name, InvalidProperty::reason)
				.containsExactlyInAnyOrder(
						tuple("winipc.locks.name-prefix",
								"cannot start a mutex name: Invalid mutex name 'Local\\a\\key': after its Local\\ or "
										+ "Global\\ namespace it must hold no backslash or slash"),
						tuple("winipc.events.a.channel",
								"a channel name is required: the channel the outbound endpoint reads from")));
	}

	@Test
	void negativeAcquireTimeoutAndInvalidAccessAreReported() {
		this.runner.withPropertyValues("winipc.locks.acquire-timeout=-1s", "winipc.locks.access=everyone")
			.run((context) -> assertThat(invalidProperties(context.getStartupFailure()))
				.extracting(InvalidProperty::name, InvalidProperty::reason)
				.containsExactlyInAnyOrder(
						tuple("winipc.locks.acquire-timeout", "must not be negative"),
						tuple("winipc.locks.access",
								"must be one of " + PipeOptions.ACCESS_VALUES)));
	}

	private static Arguments invalid(String key, String reason, String... endpointProperties) {
		return ConfigurationFailures.invalid("winipc.events.written.", key, reason, endpointProperties);
	}

}
