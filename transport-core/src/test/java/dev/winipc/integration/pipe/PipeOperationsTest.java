package dev.winipc.integration.pipe;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.OperationsTestSupport;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.PipeInboundChannelAdapterSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of pipe endpoints, against the native C peer: their meters count
 * exactly what the peer sent, their state follows the server they connect to, a failed
 * flow reaches the error channel and the connection is kept or closed as documented,
 * and Spring Integration observes them as it observes its own adapters.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class PipeOperationsTest extends OperationsTestSupport {

	private final BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();

	@Test
	void inboundAdapterCountsExactlyWhatANativePeerSentAndItsBadInput() throws Exception {
		String name = PipeNames.unique("counted");
		String path = PipeNames.posixPath(name);
		String id = "counted-" + name;
		PipeInboundChannelAdapterSpec adapter = WinIpc.inboundAdapter(WinIpc.pipeServer(name).maxMessageSize(100))
			.id(id);
		register(IntegrationFlow.from(adapter).handle(this.received::add).get());

		try (PeerProcess peer = NativePeers.start("pipe_peer", "send", path, "one", "two", "three")) {
			assertThat(peer.finish()).containsExactly("sent 3");
		}
		try (PeerProcess bad = NativePeers.start("pipe_peer", "bad", path, "oversize", 100)) {
			assertThat(bad.finish()).contains("closed by server");
		}

		await().untilAsserted(() -> assertThat(messages(id, "inbound", "error")).isEqualTo(1));
		assertThat(messages(id, "inbound", "ok")).isEqualTo(3);
		assertThat(bytes(id, "inbound")).isEqualTo("onetwothree".length());
		assertThat(messages(id, "outbound", "ok")).as("an inbound adapter sends nothing").isEqualTo(-1);
		assertThat(this.meters.find(EndpointMetrics.MESSAGES).tags("endpoint", id).counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTag("transport")).isEqualTo("pipe"));
		await().untilAsserted(() -> assertThat(gauge(EndpointMetrics.CONNECTIONS, id)).isZero());
		assertThat(this.received).hasSize(3);
		EndpointState state = adapter.getObject().getEndpointState();
		assertThat(state.status()).isEqualTo(EndpointStatus.UP);
		assertThat(state.lastError()).startsWith("read(" + path + ") failed")
			.contains("exceeds the maximum message size of 100 bytes");
	}

	@Test
	void clientRoleEndpointIsDownWhileItsServerIsGoneAndUpOnceItIsBack() {
		String name = PipeNames.unique("client-down");
		String path = PipeNames.posixPath(name);
		PeerProcess server = NativePeers.start("pipe_peer", "serve", path, "echo: ");
		try {
			server.awaitLine("ready");
			PipeInboundChannelAdapterSpec adapter = WinIpc.inboundAdapter(WinIpc.pipeClient(name))
				.id("client-" + name);
			register(IntegrationFlow.from(adapter).handle(this.received::add).get());
			WinIpcEndpoint endpoint = adapter.getObject();
			await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
				.returns(EndpointStatus.UP, EndpointState::status)
				.returns(1, EndpointState::connections));

			server.kill();
			await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
				.returns(EndpointStatus.DOWN, EndpointState::status)
				.returns("not connected; retrying", EndpointState::reason)
				.returns(path, EndpointState::object)
				.returns(0, EndpointState::connections)
				.satisfies((state) -> assertThat(state.lastError())
					.startsWith("connect(" + path + ") failed: ECONNREFUSED (111)")));
			assertThat(endpoint.getEndpointState().details()).containsEntry("role", "client")
				.containsEntry("transport", "pipe")
				.containsEntry("direction", "inbound");

			server = NativePeers.start("pipe_peer", "serve", path, "echo: ");
			await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
				.returns(EndpointStatus.UP, EndpointState::status)
				.returns(1, EndpointState::connections));
		}
		finally {
			server.close();
		}
	}

	@Test
	void failedFlowOfAnInboundAdapterGoesToTheErrorChannelAndItsConnectionStaysOpen() throws Exception {
		String name = PipeNames.unique("flow-fails");
		String id = "failing-" + name;
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name).payloadType(PayloadType.STRING)).id(id))
			.handle(String.class, (payload, headers) -> {
				if (payload.equals("boom")) {
					throw new IllegalStateException("the flow fails on boom");
				}
				this.received.add(MessageBuilder.withPayload(payload).copyHeaders(headers).build());
				return null;
			})
			.get());

		try (PeerProcess peer = NativePeers.start("pipe_peer", "send", PipeNames.posixPath(name), "boom", "after")) {
			assertThat(peer.finish()).containsExactly("sent 2");
		}

		ErrorMessage error = nextError();
		assertThat(error.getPayload()).isInstanceOf(MessagingException.class)
			.hasRootCauseMessage("the flow fails on boom");
		Message<?> failed = ((MessagingException) error.getPayload()).getFailedMessage();
		assertThat(failed).isNotNull();
		assertThat(failed.getPayload()).isEqualTo("boom");
		assertThat(error.getOriginalMessage()).isNotNull();
		assertThat(error.getOriginalMessage().getPayload()).isEqualTo("boom");
		String connectionId = error.getHeaders().get(WinIpcHeaders.CONNECTION_ID, String.class);
		assertThat(connectionId).startsWith(name + "-");
		assertThat(error.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "pipe")
			.containsEntry(WinIpcHeaders.ENDPOINT, name)
			.containsEntry(WinIpcHeaders.ENDPOINT_ID, id)
			.containsEntry(WinIpcHeaders.PEER_USER, System.getProperty("user.name"));
		// the connection stayed open: the next message came on it
		Message<?> after = this.received.poll(30, TimeUnit.SECONDS);
		assertThat(after).isNotNull();
		assertThat(after.getPayload()).isEqualTo("after");
		assertThat(after.getHeaders()).containsEntry(WinIpcHeaders.CONNECTION_ID, connectionId);
		assertThat(messages(id, "inbound", "ok")).as("both messages were read whole").isEqualTo(2);
	}

	@Test
	void failedFlowOfAnInboundGatewayGoesToTheErrorChannelAndItsConnectionIsClosed() throws Exception {
		String name = PipeNames.unique("gateway-fails");
		register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).payloadType(PayloadType.STRING)))
			.handle(String.class, (payload, headers) -> {
				throw new IllegalStateException("no answer to " + payload);
			})
			.get());

		try (PeerProcess peer = NativePeers.start("pipe_peer", "probe", PipeNames.posixPath(name), "question")) {
			assertThat(peer.finish()).as("the peer sees the end of the stream").containsExactly("eof");
		}
		ErrorMessage error = nextError();
		assertThat(error.getPayload()).hasRootCauseMessage("no answer to question");
		assertThat(error.getHeaders()).containsEntry(WinIpcHeaders.ENDPOINT, name);
	}

	@Test
	void inboundGatewayWithAnErrorChannelAnswersWhatItsErrorFlowReplies() {
		String name = PipeNames.unique("gateway-error-flow");
		String errors = "errors-" + name;
		register(IntegrationFlow.from(errors)
			.handle(MessagingException.class,
					(failure, headers) -> "sorry, " + failure.getCause().getMessage() + " ("
							+ headers.get(WinIpcHeaders.TRANSPORT) + ")")
			.get());
		register(IntegrationFlow
			.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).payloadType(PayloadType.STRING)).errorChannel(errors))
			.handle(String.class, (payload, headers) -> {
				throw new IllegalStateException("no answer to " + payload);
			})
			.get());

		try (PeerProcess peer = NativePeers.start("pipe_peer", "probe", PipeNames.posixPath(name), "question")) {
			assertThat(peer.finish()).containsExactly("reply: sorry, no answer to question (pipe)");
		}
		assertThat(pendingErrors()).as("nothing reached the default errorChannel").isEmpty();
	}

	@Test
	void inboundAdapterWithAnErrorChannelOfItsOwnSendsTheFailureThere() throws Exception {
		String name = PipeNames.unique("own-error-channel");
		QueueChannel errors = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name)).errorChannel(errors))
			.handle((message) -> {
				throw new IllegalStateException("failed");
			})
			.get());

		try (PeerProcess peer = NativePeers.start("pipe_peer", "send", PipeNames.posixPath(name), "x")) {
			assertThat(peer.finish()).containsExactly("sent 1");
		}
		Message<?> error = errors.receive(30_000);
		assertThat(error).isInstanceOf(ErrorMessage.class);
		assertThat(error.getHeaders()).containsEntry(WinIpcHeaders.ENDPOINT, name);
		assertThat(pendingErrors()).isEmpty();
	}

	@Test
	void outboundAdapterTimesItsSendsCountsTheFailedOnesAndIsDownUntilItsServerAnswers() {
		String name = PipeNames.unique("outbound-timed");
		String path = PipeNames.posixPath(name);
		String id = "sender-" + name;
		MessageChannel input = register((flow) -> flow.handle(
				WinIpc.outboundAdapter(WinIpc.pipeClient(name).connectTimeout(Duration.ofMillis(200))),
				(endpoint) -> endpoint.id(id)))
			.getInputChannel();
		WinIpcEndpoint handler = handler(id);
		assertThat(handler.getEndpointId()).as("named after its consumer endpoint").isEqualTo(id);
		assertThat(handler.getEndpointState().status()).as("it connects on first use").isEqualTo(EndpointStatus.UP);

		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("lost").build()));
		assertThat(messages(id, "outbound", "error")).isEqualTo(1);
		assertThat(handler.getEndpointState()).returns(EndpointStatus.DOWN, EndpointState::status)
			.returns("not connected: the last attempt failed", EndpointState::reason)
			.satisfies((state) -> assertThat(state.lastError()).contains("connect(" + path + ") failed: ENOENT (2)"));

		try (PeerProcess sink = NativePeers.start("pipe_peer", "sink", path, 2)) {
			sink.awaitLine("ready");
			input.send(MessageBuilder.withPayload("first").build());
			input.send(MessageBuilder.withPayload("second").build());
			assertThat(sink.finish()).containsExactly("ready", "got: first", "got: second", "done");
		}
		assertThat(messages(id, "outbound", "ok")).isEqualTo(2);
		assertThat(bytes(id, "outbound")).isEqualTo("firstsecond".length());
		assertThat(sendsTimed(id)).isEqualTo(2);
		assertThat(messages(id, "outbound", "error")).isEqualTo(1);
		assertThat(handler.getEndpointState().status()).isEqualTo(EndpointStatus.UP);
	}

	@Test
	void springIntegrationObservesAnInboundAdapterAsItsOwn() throws Exception {
		String name = PipeNames.unique("observed");
		String id = "observed-" + name;
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name)).id(id))
			.handle(this.received::add)
			.get());

		try (PeerProcess peer = NativePeers.start("pipe_peer", "send", PipeNames.posixPath(name), "watched")) {
			assertThat(peer.finish()).containsExactly("sent 1");
		}
		assertThat(this.received.poll(30, TimeUnit.SECONDS)).isNotNull();
		// The flow's handler runs inside the observation, which ends once it returned.
		await().untilAsserted(() -> TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("spring.integration.handler")
			.that()
			.hasBeenStopped()
			.hasContextualNameEqualTo(id + " receive")
			.hasLowCardinalityKeyValue("spring.integration.name", id)
			.hasLowCardinalityKeyValue("spring.integration.type", "message-producer"));
	}

	@Test
	void metersAreRemovedWithTheirFlow() {
		String name = PipeNames.unique("removed");
		String id = "removed-" + name;
		IntegrationFlowRegistration registration = this.flows
			.registration(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name)).id(id))
				.handle((message) -> {
				})
				.get())
			.register();
		assertThat(messages(id, "inbound", "ok")).isZero();
		registration.destroy();
		assertThat(this.meters.find(EndpointMetrics.MESSAGES).tags("endpoint", id).counters()).isEmpty();
		assertThat(this.meters.find(EndpointMetrics.CONNECTIONS).tags("endpoint", id).gauges()).isEmpty();
	}

}
