package dev.winipc.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.PythonPeers;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of an application whose endpoints are declared only in
 * {@code operations-peer-test.yml}, with Actuator's health and Micrometer on the class
 * path, against native C peers and Python: health per endpoint following the peers,
 * meters counting exactly what the peers sent, an entry's error channel, Spring
 * Integration's control bus and observation.
 */
@SpringBootTest(classes = OperationsNativePeerTests.OperatedApplication.class,
		properties = "spring.config.name=operations-peer-test")
@EnabledOnOs(value = OS.LINUX, disabledReason = "POSIX peers; a segment's name can be removed from under it on Linux")
class OperationsNativePeerTests {

	private static final String FEED = PipeNames.unique("boot-feed");

	private static final String COUNTED = PipeNames.unique("boot-counted");

	private static final String ORDERS = PipeNames.unique("boot-orders");

	private static final String EVENTS = PipeNames.uniqueMailslot("boot-events");

	private static final String TICKS = SegmentNames.unique("boot-ticks");

	private static final String SIGNALS = SegmentNames.unique(EndpointName.Kind.EVENT, "boot-signals");

	@Autowired
	private HealthContributorRegistry health;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private TestObservationRegistry observations;

	@Autowired
	private OperatedApplication application;

	@Autowired
	@Qualifier("order-errors")
	private QueueChannel orderErrors;

	@Autowired
	@Qualifier("ticks")
	private MessageChannel ticks;

	@Autowired
	@Qualifier("controlBus.input")
	private MessageChannel controlBus;

	@DynamicPropertySource
	static void names(DynamicPropertyRegistry registry) {
		registry.add("operations-peer-test.feed", () -> FEED);
		registry.add("operations-peer-test.counted", () -> COUNTED);
		registry.add("operations-peer-test.orders", () -> ORDERS);
		registry.add("operations-peer-test.events", () -> EVENTS);
		registry.add("operations-peer-test.ticks", () -> "Local\\" + TICKS);
		registry.add("operations-peer-test.signals", () -> "Local\\" + SIGNALS);
	}

	@Test
	void clientRoleEndpointIsDownWhileItsServerIsGoneAndUpOnceItIsBack() {
		String path = PipeNames.posixPath(FEED);
		assertThat(health("winipc.pipes.feed").getStatus()).as("no server yet").isEqualTo(Status.DOWN);
		PeerProcess server = NativePeers.start("pipe_peer", "serve", path, "");
		try {
			await().untilAsserted(() -> assertThat(health("winipc.pipes.feed").getStatus()).isEqualTo(Status.UP));
			assertThat(health("winipc.pipes.feed").getDetails()).containsEntry("connections", 1)
				.containsEntry("role", "client");

			server.kill();
			await().untilAsserted(() -> {
				Health down = health("winipc.pipes.feed");
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("object", path)
					.containsEntry("reason", "not connected; retrying")
					.containsEntry("connections", 0);
				assertThat((String) down.getDetails().get("lastError"))
					.startsWith("connect(" + path + ") failed: ECONNREFUSED (111)");
			});

			server = NativePeers.start("pipe_peer", "serve", path, "");
			await().untilAsserted(() -> assertThat(health("winipc.pipes.feed").getStatus()).isEqualTo(Status.UP));
		}
		finally {
			server.close();
		}
	}

	@Test
	void metersCountExactlyWhatNativePeersSentIncludingTheirBadInput() {
		try (PeerProcess client = NativePeers.start("pipe_peer", "send", PipeNames.posixPath(COUNTED), "one", "two")) {
			assertThat(client.finish()).containsExactly("sent 2");
		}
		try (PeerProcess bad = NativePeers.start("pipe_peer", "bad", PipeNames.posixPath(COUNTED), "oversize", 100)) {
			assertThat(bad.finish()).contains("closed by server");
		}
		String mailslot = PipeNames.mailslotPath(EVENTS);
		try (PeerProcess writer = NativePeers.start("mailslot_peer", "write", mailslot, "a", "bb", "ccc")) {
			assertThat(writer.finish()).containsExactly("sent 3");
		}
		try (PeerProcess oversize = NativePeers.start("mailslot_peer", "oversize", mailslot, 5000)) {
			assertThat(oversize.finish()).containsExactly("sent 2");
		}

		await().untilAsserted(() -> {
			assertThat(messages("winipc.pipes.counted", "ok")).isEqualTo(2);
			assertThat(messages("winipc.pipes.counted", "error")).isEqualTo(1);
			assertThat(messages("winipc.mailslots.events", "ok")).as("a, bb, ccc and small").isEqualTo(4);
			assertThat(messages("winipc.mailslots.events", "error")).as("the oversize one").isEqualTo(1);
		});
		assertThat(this.meters.get(EndpointMetrics.BYTES).tags("endpoint", "winipc.pipes.counted").counter().count())
			.isEqualTo(6);
		assertThat(this.meters.get(EndpointMetrics.BYTES).tags("endpoint", "winipc.mailslots.events").counter().count())
			.isEqualTo("abbcccsmall".length());
		assertThat(this.meters.get(EndpointMetrics.MESSAGES).tags("endpoint", "winipc.pipes.counted").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).extracting("key")
				.containsExactlyInAnyOrder("endpoint", "transport", "direction", "result"));
		assertThat(this.application.counted).hasSize(2);
	}

	@Test
	void eventWaiterIsUpAndCountsEachSignalOfANativeProgram() {
		assertThat(health("winipc.events.signals").getStatus()).isEqualTo(Status.UP);
		assertThat(health("winipc.events.signals").getDetails()).containsEntry("transport", "event")
			.containsEntry("role", "waiter")
			.containsEntry("object", "/" + SIGNALS);
		for (int i = 1; i <= 2; i++) {
			assertThat(NativePeers.start("sync_peer", "event-set", "Local\\" + SIGNALS).finish()).containsExactly("set");
			int signals = i;
			await().untilAsserted(() -> assertThat(messages("winipc.events.signals", "ok")).isEqualTo(signals));
		}
		assertThat(this.application.signals).hasSize(2);
	}

	@Test
	void errorChannelOfAnEntryReceivesTheFailureOfItsFlowAndTheConnectionIsKept() {
		try (PeerProcess client = NativePeers.start("pipe_peer", "send", PipeNames.posixPath(ORDERS), "boom", "after")) {
			assertThat(client.finish()).containsExactly("sent 2");
		}
		ErrorMessage error = (ErrorMessage) this.orderErrors.receive(30_000);
		assertThat(error).isNotNull();
		assertThat(error.getPayload()).hasRootCauseMessage("no order boom");
		assertThat(((MessagingException) error.getPayload()).getFailedMessage().getPayload()).isEqualTo("boom");
		assertThat(error.getHeaders()).containsEntry(WinIpcHeaders.ENDPOINT_ID, "winipc.pipes.orders")
			.containsEntry(WinIpcHeaders.ENDPOINT, ORDERS)
			.containsEntry(WinIpcHeaders.TRANSPORT, "pipe");
		await().until(() -> this.application.orders.size() == 1);
		Message<String> after = this.application.orders.get(0);
		assertThat(after.getPayload()).isEqualTo("after");
		assertThat(after.getHeaders().get(WinIpcHeaders.CONNECTION_ID))
			.isEqualTo(error.getHeaders().get(WinIpcHeaders.CONNECTION_ID));
		// Spring Integration observes the entry's endpoint: its bean name matches orders.*
		await().untilAsserted(() -> TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("spring.integration.handler")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("spring.integration.name", "orders.pipeInboundChannelAdapter"));
	}

	@Test
	void sharedMemoryWriterIsDownOnceAPeerRemovedItsSegmentsName() {
		this.ticks.send(MessageBuilder.withPayload("tick").build());
		assertThat(health("winipc.shared-memory.ticks").getStatus()).isEqualTo(Status.UP);
		assertThat(this.meters.get(EndpointMetrics.RING_FILL).tags("endpoint", "winipc.shared-memory.ticks").gauge().value())
			.isEqualTo(16);

		assertThat(PythonPeers.start("shm_region", "tracked", TICKS).finish()).containsExactly("attached");

		Health down = health("winipc.shared-memory.ticks");
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("object", "/" + TICKS)
			.hasEntrySatisfying("reason", (reason) -> assertThat((String) reason).contains("removed by another process"));
	}

	@Test
	void controlBusStopsAndStartsAnEndpointByItsBeanName() {
		Path socket = Path.of(PipeNames.mailslotPath(EVENTS));
		MessagingTemplate template = new MessagingTemplate();
		template.convertAndSend(this.controlBus, "events.mailslotInboundChannelAdapter.stop");
		assertThat(socket).doesNotExist();
		assertThat(template.convertSendAndReceive(this.controlBus, "events.mailslotInboundChannelAdapter.isRunning",
				Boolean.class))
			.isFalse();
		assertThat(health("winipc.mailslots.events").getStatus()).isEqualTo(Status.UNKNOWN);

		template.convertAndSend(this.controlBus, "events.mailslotInboundChannelAdapter.start");
		assertThat(socket).exists();
		assertThat(health("winipc.mailslots.events").getStatus()).isEqualTo(Status.UP);
	}

	private Health health(String endpoint) {
		HealthContributors winipc = (HealthContributors) this.health.getContributor("winipc");
		return ((HealthIndicator) winipc.getContributor(endpoint)).health();
	}

	private double messages(String endpoint, String result) {
		Counter counter = this.meters.find(EndpointMetrics.MESSAGES)
			.tags("endpoint", endpoint, "direction", "inbound", "result", result)
			.counter();
		return (counter != null) ? counter.count() : -1;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OperatedApplication {

		final List<Message<String>> counted = new CopyOnWriteArrayList<>();

		final List<Message<String>> orders = new CopyOnWriteArrayList<>();

		final List<Message<?>> signals = new CopyOnWriteArrayList<>();

		@ServiceActivator(inputChannel = "counted")
		void counted(Message<String> message) {
			this.counted.add(message);
		}

		@ServiceActivator(inputChannel = "orders")
		void order(Message<String> message) {
			if (message.getPayload().equals("boom")) {
				throw new IllegalStateException("no order " + message.getPayload());
			}
			this.orders.add(message);
		}

		@ServiceActivator(inputChannel = "feed")
		void feed(Message<?> message) {
		}

		@ServiceActivator(inputChannel = "signals")
		void signal(Message<?> message) {
			this.signals.add(message);
		}

		@ServiceActivator(inputChannel = "events")
		void event(Message<?> message) {
		}

		@Bean("order-errors")
		QueueChannel orderErrors() {
			return new QueueChannel();
		}

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		IntegrationFlow controlBus() {
			return (flow) -> flow.controlBus();
		}

	}

}
