package dev.winipc.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.metrics.IntegrationMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.management.metrics.MetricsCaptor;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.SegmentNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * winipc's meters in a Boot application: registered for every entry under its id when
 * the application has a {@code MeterRegistry} (Spring Integration hands its components
 * a Micrometer captor then), none otherwise, and switched off as any meter is.
 */
class WinIpcMetricsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				IntegrationMetricsAutoConfiguration.class, IntegrationAutoConfiguration.class,
				WinIpcAutoConfiguration.class))
		.withPropertyValues("winipc.pipes.orders.name=" + PipeNames.unique("metrics-pipe"),
				"winipc.pipes.orders.direction=inbound-gateway", "winipc.pipes.orders.channel=orders",
				"winipc.mailslots.events.name=" + PipeNames.uniqueMailslot("metrics-mailslot"),
				"winipc.mailslots.events.direction=outbound", "winipc.mailslots.events.channel=events",
				"winipc.shared-memory.ticks.name=" + SegmentNames.unique("metrics-ring"),
				"winipc.shared-memory.ticks.direction=inbound", "winipc.shared-memory.ticks.capacity=4KB",
				"winipc.shared-memory.ticks.channel=ticks", "winipc.shared-memory.ticks.remove-on-close=true");

	@Test
	void everyEntryHasItsMetersUnderItsIdWhenTheApplicationHasAMeterRegistry() {
		this.runner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find(EndpointMetrics.MESSAGES).tags("endpoint", "winipc.pipes.orders").counters())
				.extracting((counter) -> counter.getId().getTag("direction") + " " + counter.getId().getTag("result"))
				.containsExactlyInAnyOrder("inbound ok", "inbound error", "outbound ok", "outbound error");
			assertThat(meters.get(EndpointMetrics.SEND).tags("endpoint", "winipc.pipes.orders").timer().count()).isZero();
			assertThat(meters.get(EndpointMetrics.CONNECTIONS)
				.tags("endpoint", "winipc.pipes.orders", "transport", "pipe", "direction", "inbound")
				.gauge()
				.value()).isZero();
			assertThat(meters.find(EndpointMetrics.MESSAGES).tags("endpoint", "winipc.mailslots.events").counters())
				.extracting((counter) -> counter.getId().getTag("direction") + " " + counter.getId().getTag("result"))
				.containsExactlyInAnyOrder("outbound ok", "outbound error");
			assertThat(meters.get(EndpointMetrics.BYTES)
				.tags("endpoint", "winipc.shared-memory.ticks", "transport", "shared-memory", "direction", "inbound")
				.counter()
				.count()).isZero();
			assertThat(meters.get(EndpointMetrics.RING_FILL).tags("endpoint", "winipc.shared-memory.ticks").gauge().value())
				.isZero();
		});
	}

	@Test
	void noMeterRegistryMeansNoCaptorAndNoMeters() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class))
			.withPropertyValues("winipc.pipes.orders.name=" + PipeNames.unique("metrics-none"),
					"winipc.pipes.orders.direction=inbound", "winipc.pipes.orders.channel=orders")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanProvider(MetricsCaptor.class).getIfAvailable())
					.as("Spring Integration's captor, made only for a MeterRegistry")
					.isNull();
				assertThat(context.getBean("orders.pipeInboundChannelAdapter", WinIpcEndpoint.class)
					.getEndpointState()
					.status()).isEqualTo(EndpointStatus.UP);
			});
	}

	@Test
	void managementMetricsEnableWinipcFalseSwitchesThemOff() {
		this.runner.withPropertyValues("management.metrics.enable.winipc=false").run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.getMeters()).noneMatch((meter) -> meter.getId().getName().startsWith("winipc."));
			assertThat(meters.find("spring.integration.channels").gauge()).as("Spring Integration's own stay")
				.isNotNull();
		});
	}

}
