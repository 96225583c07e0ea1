package dev.winipc.autoconfigure.health;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.SmartLifecycleRoleController;

import dev.winipc.autoconfigure.WinIpcAutoConfiguration;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.SegmentNames;

import static org.assertj.core.api.Assertions.assertThat;

class WinIpcHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class,
				WinIpcHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class));

	@Test
	void everyEndpointOfEveryKindIsAComponentOfTheWinIpcContributor() {
		String pipe = PipeNames.unique("health-pipe");
		String mailslot = PipeNames.uniqueMailslot("health-mailslot");
		String segment = SegmentNames.unique("health-ring");
		this.runner.withUserConfiguration(DslFlow.class)
			.withPropertyValues("winipc.pipes.orders.name=" + pipe, "winipc.pipes.orders.direction=inbound-gateway",
					"winipc.pipes.orders.channel=orders", "winipc.pipes.replies.name=" + pipe,
					"winipc.pipes.replies.direction=outbound", "winipc.pipes.replies.role=server",
					"winipc.pipes.replies.channel=replies", "winipc.mailslots.hello.name=" + mailslot,
					"winipc.mailslots.hello.direction=inbound", "winipc.mailslots.hello.channel=hello",
					"winipc.shared-memory.ticks.name=" + segment, "winipc.shared-memory.ticks.direction=outbound",
					"winipc.shared-memory.ticks.capacity=4KB", "winipc.shared-memory.ticks.channel=ticks",
					"winipc.shared-memory.ticks.remove-on-close=true", "dsl-flow.pipe=" + PipeNames.unique("health-dsl"))
			.run((context) -> {
				assertThat(context).hasSingleBean(WinIpcHealthContributor.class);
				Map<String, Health> components = components(context);
				assertThat(components).containsOnlyKeys("winipc.pipes.orders", "winipc.pipes.replies",
						"winipc.mailslots.hello", "winipc.shared-memory.ticks", "dslPipe");
				assertThat(components.values()).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
				assertThat(components.get("winipc.pipes.orders").getDetails())
					.containsEntry("transport", "pipe")
					.containsEntry("direction", "inbound-gateway")
					.containsEntry("role", "server")
					.containsEntry("object", PipeNames.posixPath(pipe))
					.containsEntry("connections", 0)
					.doesNotContainKeys("reason", "lastError");
				assertThat(components.get("winipc.mailslots.hello").getDetails()).containsEntry("transport", "mailslot")
					.containsEntry("role", "reader")
					.containsEntry("object", PipeNames.mailslotPath(mailslot))
					.doesNotContainKey("connections");
				assertThat(components.get("winipc.shared-memory.ticks").getDetails())
					.containsEntry("transport", "shared-memory")
					.containsEntry("direction", "outbound")
					.containsEntry("role", "writer")
					.containsEntry("object", "/" + segment);
				HealthContributor winipc = context.getBean(HealthContributorRegistry.class).getContributor("winipc");
				assertThat(((CompositeHealthContributor) winipc).getContributor("winipc.pipes.orders"))
					.isInstanceOf(HealthIndicator.class);
				assertThat(((CompositeHealthContributor) winipc).getContributor("winipc.pipes.nothing")).isNull();
			});
	}

	@Test
	void endpointThatDoesNotStartWithTheApplicationIsUnknownSayingItIsNotRunning() {
		this.runner.withPropertyValues("winipc.pipes.later.name=" + PipeNames.unique("health-later"),
				"winipc.pipes.later.direction=inbound", "winipc.pipes.later.channel=later",
				"winipc.pipes.later.auto-startup=false")
			.run((context) -> {
				Health later = components(context).get("winipc.pipes.later");
				assertThat(later.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(later.getDetails()).containsEntry("reason", "not running");
			});
	}

	@Test
	void endpointStandingByForItsLeaderRoleIsUnknownSayingWhichRoleItWaitsFor() {
		String segment = SegmentNames.unique("health-standby");
		this.runner.withPropertyValues("winipc.shared-memory.standby.name=" + segment,
				"winipc.shared-memory.standby.direction=inbound", "winipc.shared-memory.standby.capacity=4KB",
				"winipc.shared-memory.standby.channel=standby", "winipc.shared-memory.standby.remove-on-close=true",
				"winipc.shared-memory.standby.leader-role=health-reader")
			.run((context) -> {
				Health standby = components(context).get("winipc.shared-memory.standby");
				assertThat(standby.getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(standby.getDetails())
					.containsEntry("reason", "not running: it runs while this application leads role 'health-reader'")
					.containsEntry("leaderRole", "health-reader");
				// granted the role, it serves, and still names the role it belongs to
				context.getBean(SmartLifecycleRoleController.class).startLifecyclesInRole("health-reader");
				Health leading = components(context).get("winipc.shared-memory.standby");
				assertThat(leading.getStatus()).isEqualTo(Status.UP);
				assertThat(leading.getDetails()).containsEntry("leaderRole", "health-reader").doesNotContainKey("reason");
			});
	}

	@Test
	void noContributorWithoutActuatorsHealthSupport() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.withPropertyValues("winipc.pipes.orders.name=" + PipeNames.unique("health-none"),
					"winipc.pipes.orders.direction=inbound", "winipc.pipes.orders.channel=orders")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("winipcHealthContributor");
				assertThat(context).hasBean("orders.pipeInboundChannelAdapter");
			});
	}

	@Test
	void managementHealthWinIpcEnabledFalseSwitchesItOff() {
		this.runner.withPropertyValues("management.health.winipc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WinIpcHealthContributor.class));
	}

	@Test
	void switchingHealthIndicatorsOffByDefaultSwitchesItOffUnlessEnabledByName() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WinIpcHealthContributor.class));
		this.runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.winipc.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(WinIpcHealthContributor.class));
	}

	@Test
	void aContributorOfTheApplicationsOwnNameReplacesIt() {
		this.runner.withBean("winipcHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(WinIpcHealthContributor.class));
	}

	static Map<String, Health> components(AssertableApplicationContext context) {
		HealthContributors winipc = (HealthContributors) context.getBean(HealthContributorRegistry.class)
			.getContributor("winipc");
		return winipc.stream()
			.collect(Collectors.toMap(HealthContributors.Entry::name,
					(entry) -> ((HealthIndicator) entry.contributor()).health()));
	}

	@Configuration(proxyBeanMethods = false)
	static class DslFlow {

		@Bean
		IntegrationFlow dslFlow(Environment environment) {
			return IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(environment.getProperty("dsl-flow.pipe")))
				.id("dslPipe")).nullChannel();
		}

	}

}
