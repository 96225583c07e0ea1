package dev.winipc.integration.pipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The pipe adapters and gateways in both roles against a native C peer speaking the
 * {@code message} framing.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class PipeAdaptersNativePeerTest extends FlowTestSupport {

	@Test
	void inboundGatewayRepliesToNativeClientWithTransportHeaders() {
		String name = PipeNames.unique("gateway");
		BlockingQueue<Message<?>> requests = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).payloadType(PayloadType.STRING)))
			.wireTap(flow -> flow.handle(requests::add))
			.transform(String.class, text -> "echo:" + text)
			.get());

		try (PeerProcess client = NativePeers.start("pipe_peer", "client", PipeNames.posixPath(name), "one", "two")) {
			assertThat(client.finish()).containsExactly("reply: echo:one", "reply: echo:two");
		}
		Message<?> first = requests.poll();
		assertThat(first.getPayload()).isEqualTo("one");
		Map<String, Object> headers = first.getHeaders();
		assertThat(headers).containsEntry(WinIpcHeaders.TRANSPORT, "pipe")
			.containsEntry(WinIpcHeaders.ENDPOINT, name)
			.containsEntry(WinIpcHeaders.PEER_USER, System.getProperty("user.name"));
		assertThat((String) headers.get(WinIpcHeaders.CONNECTION_ID)).startsWith(name + "-");
	}

	@Test
	void outboundGatewayInClientRoleGetsRepliesFromNativeServer() {
		String name = PipeNames.unique("outgw");
		try (PeerProcess server = NativePeers.start("pipe_peer", "serve", PipeNames.posixPath(name), "c:")) {
			server.awaitLine("ready");
			MessageChannel requests = register(
					flow -> flow.handle(WinIpc.outboundGateway(WinIpc.pipeClient(name).payloadType(PayloadType.STRING))))
				.getInputChannel();
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "hello", String.class)).isEqualTo("c:hello");
			assertThat(template.convertSendAndReceive(requests, "again".getBytes(), String.class)).isEqualTo("c:again");
		}
	}

	@Test
	void inboundGatewayInClientRoleAnswersRequestsFromNativeServer() {
		String name = PipeNames.unique("ingwclient");
		try (PeerProcess server = NativePeers.start("pipe_peer", "ask", PipeNames.posixPath(name), "q1", "q2")) {
			register(IntegrationFlow
				.from(WinIpc.inboundGateway(WinIpc.pipeClient(name).payloadType(PayloadType.STRING)))
				.transform(String.class, request -> "a:" + request)
				.get());
			assertThat(server.finish()).containsExactly("ready", "reply: a:q1", "reply: a:q2");
		}
	}

	@Test
	void outboundGatewayInServerRoleRequestsFromItsNativeClient() {
		String name = PipeNames.unique("outgwserver");
		PipeConnectionFactory server = new PipeConnectionFactory(name, PipeRole.SERVER);
		server.getMapper().setPayloadType(PayloadType.STRING);
		MessageChannel requests = register(flow -> flow.handle(new PipeOutboundGateway(server))).getInputChannel();
		try (PeerProcess client = NativePeers.start("pipe_peer", "answer", PipeNames.posixPath(name), "n:", 2)) {
			client.awaitLine("connected");
			await().until(() -> server.getConnections().size() == 1);
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "x", String.class)).isEqualTo("n:x");
			String id = server.getConnections().iterator().next().id();
			Message<?> reply = template.sendAndReceive(requests,
					MessageBuilder.withPayload("y").setHeader(WinIpcHeaders.CONNECTION_ID, id).build());
			assertThat(reply.getPayload()).isEqualTo("n:y");
			assertThat(reply.getHeaders()).containsEntry(WinIpcHeaders.CONNECTION_ID, id);
			client.finish();
		}
	}

	@Test
	void outboundGatewayFailsAtOnceWhenThePeerClosesBeforeReplying() {
		String name = PipeNames.unique("closes");
		try (PeerProcess listener = dev.winipc.testing.PythonPeers.start("mpc_listener", PipeNames.posixPath(name),
				"recv", "1")) {
			listener.awaitLine("ready");
			MessageChannel requests = register(flow -> flow.handle(WinIpc.outboundGateway(WinIpc.pipeClient(name))))
				.getInputChannel();
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> new MessagingTemplate().convertSendAndReceive(requests, "anyone?", String.class))
				.withMessageContaining("Pipe " + PipeNames.posixPath(name) + " closed " + name + "-")
				.withMessageContaining("before replying");
		}
	}

	@Test
	void outboundGatewayWithoutReplyTimesOutAndClosesTheConnection() {
		String name = PipeNames.unique("noreply");
		try (PeerProcess listener = dev.winipc.testing.PythonPeers.start("mpc_listener", PipeNames.posixPath(name),
				"hold", "1")) {
			listener.awaitLine("ready");
			MessageChannel requests = register(flow -> flow
				.handle(WinIpc.outboundGateway(WinIpc.pipeClient(name)).replyTimeout(Duration.ofMillis(300))))
				.getInputChannel();
			assertThatExceptionOfType(org.springframework.integration.MessageTimeoutException.class)
				.isThrownBy(() -> new MessagingTemplate().convertSendAndReceive(requests, "anyone?", String.class))
				.withMessageContaining("No reply on " + name + "-")
				.withMessageContaining("within 300 ms; connection closed");
			// the listener saw the request, then the connection close
			assertThat(listener.finish()).containsExactly("ready", "got: anyone?", "done");
		}
	}

	@Test
	void inboundAdapterInClientRoleReceivesFromNativeServerAndReconnects() throws Exception {
		String name = PipeNames.unique("inclient");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		try (PeerProcess first = NativePeers.start("pipe_peer", "push", PipeNames.posixPath(name), "3")) {
			register(IntegrationFlow
				.from(WinIpc.inboundAdapter(WinIpc.pipeClient(name).payloadType(PayloadType.STRING)))
				.handle(received::add)
				.get());
			assertThat(first.finish()).contains("pushed 3");
		}
		assertThat(payloads(received, 3)).containsExactly("msg-0", "msg-1", "msg-2");
		// the server went away; a new one comes up and the adapter connects again
		try (PeerProcess second = NativePeers.start("pipe_peer", "push", PipeNames.posixPath(name), "2")) {
			assertThat(second.finish()).contains("pushed 2");
		}
		assertThat(payloads(received, 2)).containsExactly("msg-0", "msg-1");
	}

	@Test
	void outboundAdapterInServerRolePushesToEveryClientOrToTheOneNamed() {
		String name = PipeNames.unique("push");
		PipeConnectionFactory server = new PipeConnectionFactory(name, PipeRole.SERVER);
		MessageChannel input = register(flow -> flow
			.handle(new PipeOutboundChannelAdapter(server))).getInputChannel();
		try (PeerProcess a = NativePeers.start("pipe_peer", "recv", PipeNames.posixPath(name), "2")) {
			a.awaitLine("connected");
			await().until(() -> server.getConnections().size() == 1);
			String idOfA = server.getConnections().iterator().next().id();
			try (PeerProcess b = NativePeers.start("pipe_peer", "recv", PipeNames.posixPath(name), "2")) {
				b.awaitLine("connected");
				await().until(() -> server.getConnections().size() == 2);
				String idOfB = server.getConnections().stream().map(FramedConnection::id)
					.filter(id -> !id.equals(idOfA)).findFirst().orElseThrow();
				input.send(MessageBuilder.withPayload("all").build());
				input.send(MessageBuilder.withPayload("to-a").setHeader(WinIpcHeaders.CONNECTION_ID, idOfA).build());
				input.send(MessageBuilder.withPayload("to-b").setHeader(WinIpcHeaders.CONNECTION_ID, idOfB).build());
				assertThat(a.finish()).containsExactly("connected", "got: all", "got: to-a");
				assertThat(b.finish()).containsExactly("connected", "got: all", "got: to-b");
			}
		}
	}

	@Test
	void outboundAdapterInServerRoleWithNoClientFailsNamingThePipe() {
		String name = PipeNames.unique("noclient");
		MessageChannel input = register(flow -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeServer(name))))
			.getInputChannel();
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("lost?").build()))
			.withMessageContaining("No client is connected to pipe " + PipeNames.posixPath(name));
	}

	@Test
	void outboundAdapterInClientRoleWithNoServerFailsAfterConnectTimeoutNamingPipeAndOsError() {
		String name = PipeNames.unique("noserver");
		MessageChannel input = register(flow -> flow
			.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(name).connectTimeout(Duration.ofMillis(300)))))
			.getInputChannel();
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("lost?").build()))
			.withMessageContaining("Failed to send to pipe " + name)
			.withMessageContaining("connect(" + PipeNames.posixPath(name) + ") failed: ENOENT (2)");
	}

	@Test
	void outboundAdapterInClientRoleReconnectsAfterTheServerRestarts() throws Exception {
		String name = PipeNames.unique("restart");
		MessageChannel input = register(flow -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(name))))
			.getInputChannel();
		try (PeerProcess server = NativePeers.start("pipe_peer", "serve", PipeNames.posixPath(name), "")) {
			server.awaitLine("ready");
			input.send(MessageBuilder.withPayload("before").build());
		}
		// the killed server left its socket file; Python's Listener does not replace one
		Files.deleteIfExists(Path.of(PipeNames.posixPath(name)));
		try (PeerProcess receiver = dev.winipc.testing.PythonPeers.start("mpc_listener", PipeNames.posixPath(name),
				"recv", "1")) {
			receiver.awaitLine("ready");
			input.send(MessageBuilder.withPayload("after").build());
			assertThat(receiver.finish()).containsExactly("ready", "got: after", "done");
		}
	}

	static List<Object> payloads(BlockingQueue<Message<?>> queue, int count) throws InterruptedException {
		List<Object> payloads = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message<?> message = queue.poll(30, TimeUnit.SECONDS);
			assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
			payloads.add(message.getPayload());
		}
		return payloads;
	}

}
