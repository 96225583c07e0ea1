package dev.winipc.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.gateway.MessagingGatewaySupport;

import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.shm.SharedMemoryInboundChannelAdapter;
import dev.winipc.integration.sync.EventInboundChannelAdapter;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every entry sets on its endpoint besides its transport's settings:
 * {@code auto-startup}, {@code phase}, {@code error-channel}, and the id that names it in
 * health and metrics.
 */
class EndpointLifecyclePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	@Test
	void shutdownTimeoutReachesTheReadersOfSharedMemoryAndEvents() {
		this.runner.withPropertyValues("winipc.shutdown-timeout=3s",
				"winipc.shared-memory.ring.name=" + SegmentNames.unique("timeout-ring"),
				"winipc.shared-memory.ring.direction=inbound", "winipc.shared-memory.ring.capacity=4KB",
				"winipc.shared-memory.ring.channel=d", "winipc.shared-memory.ring.auto-startup=false",
				"winipc.events.written.name=" + SegmentNames.unique(EndpointName.Kind.EVENT, "timeout"),
				"winipc.events.written.direction=inbound", "winipc.events.written.channel=e",
				"winipc.events.written.auto-startup=false")
			.run((context) -> {
				assertThat(context.getBean("ring.sharedMemoryInboundChannelAdapter",
						SharedMemoryInboundChannelAdapter.class).getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(context.getBean("written.eventInboundChannelAdapter", EventInboundChannelAdapter.class)
					.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, disabledReason = "the POSIX objects show what was created")
	void autoStartupFalseLeavesEveryKindUnstartedUntilItsEndpointStarts() {
		String pipeIn = PipeNames.unique("later-in");
		String pipeOut = PipeNames.unique("later-out");
		String mailslot = PipeNames.uniqueMailslot("later");
		String ring = SegmentNames.unique("later-ring");
		String region = SegmentNames.unique("later-region");
		this.runner.withPropertyValues("winipc.pipes.in.name=" + pipeIn, "winipc.pipes.in.direction=inbound",
				"winipc.pipes.in.channel=a", "winipc.pipes.in.auto-startup=false", "winipc.pipes.out.name=" + pipeOut,
				"winipc.pipes.out.direction=outbound", "winipc.pipes.out.role=server", "winipc.pipes.out.channel=b",
				"winipc.pipes.out.auto-startup=false", "winipc.mailslots.slot.name=" + mailslot,
				"winipc.mailslots.slot.direction=inbound", "winipc.mailslots.slot.channel=c",
				"winipc.mailslots.slot.auto-startup=false", "winipc.shared-memory.ring.name=" + ring,
				"winipc.shared-memory.ring.direction=inbound", "winipc.shared-memory.ring.capacity=4KB",
				"winipc.shared-memory.ring.channel=d", "winipc.shared-memory.ring.remove-on-close=true",
				"winipc.shared-memory.ring.auto-startup=false", "winipc.shared-memory.region.name=" + region,
				"winipc.shared-memory.region.direction=outbound", "winipc.shared-memory.region.layout=region",
				"winipc.shared-memory.region.channel=e", "winipc.shared-memory.region.remove-on-close=true",
				"winipc.shared-memory.region.auto-startup=false")
			.run((context) -> {
				List<String> endpoints = List.of("in.pipeInboundChannelAdapter", "out.pipeOutboundChannelAdapter",
						"slot.mailslotInboundChannelAdapter", "ring.sharedMemoryInboundChannelAdapter",
						"region.sharedMemoryOutboundChannelAdapter");
				List<Path> objects = List.of(Path.of(PipeNames.posixPath(pipeIn)), Path.of(PipeNames.posixPath(pipeOut)),
						Path.of(PipeNames.mailslotPath(mailslot)), SegmentNames.posixPath(ring),
						SegmentNames.posixPath(region));
				for (String endpoint : endpoints) {
					assertThat(context.getBean(endpoint, SmartLifecycle.class).isRunning()).as(endpoint).isFalse();
				}
				assertThat(objects).allSatisfy((object) -> assertThat(object).doesNotExist());
				assertThat(context.getBean("out.pipeOutboundChannelAdapter.handler", SmartLifecycle.class).isRunning())
					.as("the handler waits for its consumer endpoint")
					.isFalse();

				endpoints.forEach((endpoint) -> context.getBean(endpoint, SmartLifecycle.class).start());
				assertThat(objects).allSatisfy((object) -> assertThat(object).exists());
				endpoints.forEach((endpoint) -> context.getBean(endpoint, SmartLifecycle.class).stop());
			});
	}

	@Test
	void phaseIsTheEndpointsPhaseAndUnsetLeavesSpringIntegrationsOwn() {
		this.runner.withPropertyValues("winipc.pipes.in.name=" + PipeNames.unique("phase-in"),
				"winipc.pipes.in.direction=inbound", "winipc.pipes.in.channel=a", "winipc.pipes.in.phase=7",
				"winipc.pipes.gw.name=" + PipeNames.unique("phase-gw"), "winipc.pipes.gw.direction=inbound-gateway",
				"winipc.pipes.gw.channel=b", "winipc.mailslots.out.name=" + PipeNames.uniqueMailslot("phase-out"),
				"winipc.mailslots.out.direction=outbound", "winipc.mailslots.out.channel=c",
				"winipc.mailslots.out.phase=-3", "winipc.mailslots.default.name=" + PipeNames.uniqueMailslot("phase"),
				"winipc.mailslots.default.direction=inbound", "winipc.mailslots.default.channel=d")
			.run((context) -> {
				assertThat(context.getBean("in.pipeInboundChannelAdapter", SmartLifecycle.class).getPhase()).isEqualTo(7);
				assertThat(context.getBean("gw.pipeInboundGateway", SmartLifecycle.class).getPhase()).isZero();
				assertThat(context.getBean("out.mailslotOutboundChannelAdapter", SmartLifecycle.class).getPhase())
					.isEqualTo(-3);
				assertThat(context.getBean("default.mailslotInboundChannelAdapter", SmartLifecycle.class).getPhase())
					.isEqualTo(Integer.MAX_VALUE / 2);
			});
	}

	@Test
	void errorChannelIsTheEndpointsAndIsCreatedWhenNoBeanDefinesIt() {
		this.runner.withPropertyValues("winipc.pipes.in.name=" + PipeNames.unique("errors-in"),
				"winipc.pipes.in.direction=inbound", "winipc.pipes.in.channel=a", "winipc.pipes.in.error-channel=in-errors",
				"winipc.pipes.gw.name=" + PipeNames.unique("errors-gw"), "winipc.pipes.gw.direction=inbound-gateway",
				"winipc.pipes.gw.channel=b", "winipc.pipes.gw.error-channel=gw-errors",
				"winipc.pipes.plain.name=" + PipeNames.unique("errors-plain"), "winipc.pipes.plain.direction=inbound",
				"winipc.pipes.plain.channel=c")
			.run((context) -> {
				assertThat(context.getBean("in-errors")).isInstanceOf(DirectChannel.class);
				assertThat(context.getBean("in.pipeInboundChannelAdapter", MessageProducerSupport.class).getErrorChannel())
					.isSameAs(context.getBean("in-errors"));
				assertThat(context.getBean("gw.pipeInboundGateway", MessagingGatewaySupport.class).getErrorChannel())
					.isSameAs(context.getBean("gw-errors"));
				assertThat(context.getBean("plain.pipeInboundChannelAdapter", MessageProducerSupport.class).getErrorChannel())
					.as("Spring Integration's errorChannel")
					.isSameAs(context.getBean("errorChannel"));
			});
	}

	@Test
	void everyEndpointIsNamedByItsEntry() {
		this.runner.withPropertyValues("winipc.pipes.orders.name=" + PipeNames.unique("named"),
				"winipc.pipes.orders.direction=outbound-gateway", "winipc.pipes.orders.channel=a",
				"winipc.shared-memory.ticks.name=" + SegmentNames.unique("named"),
				"winipc.shared-memory.ticks.direction=outbound", "winipc.shared-memory.ticks.capacity=4KB",
				"winipc.shared-memory.ticks.remove-on-close=true", "winipc.shared-memory.ticks.channel=b")
			.run((context) -> {
				assertThat(context.getBean("orders.pipeOutboundGateway.handler", WinIpcEndpoint.class).getEndpointId())
					.isEqualTo("winipc.pipes.orders");
				assertThat(context.getBean("ticks.sharedMemoryOutboundChannelAdapter.handler", WinIpcEndpoint.class)
					.getEndpointId()).isEqualTo("winipc.shared-memory.ticks");
			});
	}

}
