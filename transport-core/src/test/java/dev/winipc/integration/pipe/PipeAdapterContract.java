package dev.winipc.integration.pipe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.PipeConnectionFactorySpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PeerProcess;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract of the pipe adapters and gateways, written once and run on every backend
 * against that backend's native peer ({@code peers/pipe_peer.c} on POSIX,
 * {@code peers/win_pipe_peer.c} on Windows; both speak every framing): each of the four
 * endpoints in both roles and in each framing it can carry, every client-role endpoint
 * across a restart of its server, and a load of 64 clients.
 */
@Timeout(300)
abstract class PipeAdapterContract extends FlowTestSupport {

	/**
	 * Return the backend under test and its native peer.
	 * @return the backend
	 */
	abstract PeerBackend backend();

	private PeerProcess peer(PipeFraming framing, String mode, String pipe, Object... arguments) {
		return backend().peer(framing, false, mode, pipe, arguments);
	}

	private String uniqueName(String purpose) {
		return backend().uniqueName(purpose);
	}

	private IpcPlatform platform() {
		return backend().platform();
	}

	private PipeConnectionFactorySpec server(String name, PipeFraming framing) {
		return WinIpc.pipeServer(name).platform(platform()).framing(framing).payloadType(PayloadType.STRING);
	}

	private PipeConnectionFactorySpec client(String name, PipeFraming framing) {
		return WinIpc.pipeClient(name).platform(platform()).framing(framing).payloadType(PayloadType.STRING);
	}

	@ParameterizedTest
	@EnumSource(PipeFraming.class)
	void inboundAdapterInServerRoleReceivesFromANativeClientWithItsIdentity(PipeFraming framing) throws Exception {
		String name = uniqueName("in-server");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(server(name, framing))).handle(received::add).get());

		try (PeerProcess sender = backend().peer(framing, true, "send", name, "one", "two")) {
			List<String> lines = sender.finish();
			assertThat(lines).endsWith("sent 2");
			List<Message<?>> messages = take(received, 2);
			assertThat(messages.stream().<Object>map(Message::getPayload).toList()).containsExactly("one", "two");
			long pid = Long.parseLong(value(lines, "pid "));
			String user = value(lines, "user ");
			for (Message<?> message : messages) {
				Map<String, Object> headers = message.getHeaders();
				assertThat(headers).containsEntry(WinIpcHeaders.TRANSPORT, "pipe")
					.containsEntry(WinIpcHeaders.ENDPOINT, name);
				assertThat((String) headers.get(WinIpcHeaders.CONNECTION_ID)).startsWith(name + "-");
				assertThat((String) headers.get(WinIpcHeaders.PEER_USER)).endsWithIgnoringCase(user);
				assertThat(headers.get(WinIpcHeaders.PEER_PID)).isEqualTo(backend().reportedPeerPid(pid));
			}
			if (framing != PipeFraming.RAW) {
				assertThat(messages.get(1).getHeaders().get(WinIpcHeaders.CONNECTION_ID))
					.isEqualTo(messages.get(0).getHeaders().get(WinIpcHeaders.CONNECTION_ID));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(PipeFraming.class)
	void inboundAdapterInClientRoleReceivesFromANativeServer(PipeFraming framing) throws Exception {
		String name = uniqueName("in-client");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		try (PeerProcess server = peer(framing, "push", name, 3)) {
			server.awaitLine("ready");
			register(IntegrationFlow.from(WinIpc.inboundAdapter(client(name, framing))).handle(received::add).get());
			assertThat(payloads(received, 3)).containsExactly("msg-0", "msg-1", "msg-2");
			assertThat(server.finish()).contains("pushed 3");
		}
	}

	@ParameterizedTest
	@EnumSource(PipeFraming.class)
	void outboundAdapterInServerRoleSendsToEveryClientOrTheOneNamed(PipeFraming framing) {
		String name = uniqueName("out-server");
		PipeConnectionFactorySpec pipe = server(name, framing);
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(pipe))).getInputChannel();
		PipeConnectionFactory factory = pipe.getObject();
		try (PeerProcess receiver = peer(framing, "recv", name, 2)) {
			receiver.awaitLine("connected");
			await().until(() -> factory.getConnections().size() == 1);
			input.send(MessageBuilder.withPayload("to all").build());
			if (framing == PipeFraming.RAW) {
				// A raw message ends its connection: the receiver connects again for the next.
				await().until(() -> factory.getConnections().size() == 1);
			}
			String id = factory.getConnections().iterator().next().id();
			input.send(MessageBuilder.withPayload("to one").setHeader(WinIpcHeaders.CONNECTION_ID, id).build());
			assertThat(receiver.finish()).containsExactly("connected", "got: to all", "got: to one");
		}
	}

	@ParameterizedTest
	@EnumSource(PipeFraming.class)
	void outboundAdapterInClientRoleSendsToANativeServer(PipeFraming framing) {
		String name = uniqueName("out-client");
		try (PeerProcess server = peer(framing, "sink", name, 2)) {
			server.awaitLine("ready");
			MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(client(name, framing))))
				.getInputChannel();
			input.send(MessageBuilder.withPayload("one").build());
			input.send(MessageBuilder.withPayload("two").build());
			assertThat(server.finish()).containsExactly("ready", "got: one", "got: two", "done");
		}
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = "RAW", mode = Mode.EXCLUDE)
	void inboundGatewayInServerRoleRepliesOnTheConnectionOfTheRequest(PipeFraming framing) {
		String name = uniqueName("gw-in-server");
		register(IntegrationFlow.from(WinIpc.inboundGateway(server(name, framing)))
			.transform(String.class, (request) -> "r:" + request)
			.get());
		try (PeerProcess client = peer(framing, "client", name, "one", "two")) {
			assertThat(client.finish()).containsExactly("reply: r:one", "reply: r:two");
		}
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = "RAW", mode = Mode.EXCLUDE)
	void inboundGatewayInClientRoleAnswersANativeServer(PipeFraming framing) {
		String name = uniqueName("gw-in-client");
		try (PeerProcess server = peer(framing, "ask", name, "q1", "q2")) {
			server.awaitLine("ready");
			register(IntegrationFlow.from(WinIpc.inboundGateway(client(name, framing)))
				.transform(String.class, (request) -> "a:" + request)
				.get());
			assertThat(server.finish()).containsExactly("ready", "reply: a:q1", "reply: a:q2");
		}
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = "RAW", mode = Mode.EXCLUDE)
	void outboundGatewayInClientRoleGetsRepliesFromANativeServer(PipeFraming framing) {
		String name = uniqueName("gw-out-client");
		try (PeerProcess server = peer(framing, "serve", name, "s:")) {
			server.awaitLine("ready");
			MessageChannel requests = register((flow) -> flow.handle(WinIpc.outboundGateway(client(name, framing))))
				.getInputChannel();
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "one", String.class)).isEqualTo("s:one");
			assertThat(template.convertSendAndReceive(requests, "two", String.class)).isEqualTo("s:two");
		}
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = "RAW", mode = Mode.EXCLUDE)
	void outboundGatewayInServerRoleRequestsFromItsNativeClient(PipeFraming framing) {
		String name = uniqueName("gw-out-server");
		PipeConnectionFactorySpec pipe = server(name, framing);
		MessageChannel requests = register((flow) -> flow.handle(WinIpc.outboundGateway(pipe))).getInputChannel();
		try (PeerProcess client = peer(framing, "answer", name, "n:", 2)) {
			client.awaitLine("connected");
			await().until(() -> pipe.getObject().getConnections().size() == 1);
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "x", String.class)).isEqualTo("n:x");
			String id = pipe.getObject().getConnections().iterator().next().id();
			Message<?> reply = template.sendAndReceive(requests,
					MessageBuilder.withPayload("y").setHeader(WinIpcHeaders.CONNECTION_ID, id).build());
			assertThat(reply.getPayload()).isEqualTo("n:y");
			assertThat(reply.getHeaders()).containsEntry(WinIpcHeaders.CONNECTION_ID, id);
			client.finish();
		}
	}

	@Test
	void inboundAdapterInClientRoleReceivesAcrossARestartOfItsServer() throws Exception {
		String name = uniqueName("in-restart");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		try (PeerProcess first = peer(PipeFraming.MESSAGE, "push", name, 2)) {
			first.awaitLine("ready");
			register(IntegrationFlow.from(WinIpc.inboundAdapter(client(name, PipeFraming.MESSAGE)))
				.handle(received::add)
				.get());
			assertThat(payloads(received, 2)).containsExactly("msg-0", "msg-1");
			assertThat(first.finish()).contains("pushed 2");
		}
		try (PeerProcess second = peer(PipeFraming.MESSAGE, "push", name, 2)) {
			assertThat(payloads(received, 2)).containsExactly("msg-0", "msg-1");
			assertThat(second.finish()).contains("pushed 2");
		}
	}

	@Test
	void outboundAdapterInClientRoleSendsAcrossARestartOfItsServer() {
		String name = uniqueName("out-restart");
		MessageChannel input = register(
				(flow) -> flow.handle(WinIpc.outboundAdapter(client(name, PipeFraming.MESSAGE))))
			.getInputChannel();
		try (PeerProcess first = peer(PipeFraming.MESSAGE, "sink", name, 1)) {
			first.awaitLine("ready");
			input.send(MessageBuilder.withPayload("before").build());
			assertThat(first.finish()).containsExactly("ready", "got: before", "done");
		}
		try (PeerProcess second = peer(PipeFraming.MESSAGE, "sink", name, 1)) {
			second.awaitLine("ready");
			input.send(MessageBuilder.withPayload("after").build());
			assertThat(second.finish()).containsExactly("ready", "got: after", "done");
		}
	}

	@Test
	void inboundGatewayInClientRoleAnswersAcrossARestartOfItsServer() {
		String name = uniqueName("gw-in-restart");
		try (PeerProcess first = peer(PipeFraming.MESSAGE, "ask", name, "before")) {
			first.awaitLine("ready");
			register(IntegrationFlow.from(WinIpc.inboundGateway(client(name, PipeFraming.MESSAGE)))
				.transform(String.class, (request) -> "a:" + request)
				.get());
			assertThat(first.finish()).containsExactly("ready", "reply: a:before");
		}
		try (PeerProcess second = peer(PipeFraming.MESSAGE, "ask", name, "after")) {
			assertThat(second.finish()).containsExactly("ready", "reply: a:after");
		}
	}

	@Test
	void outboundGatewayInClientRoleRequestsAcrossARestartOfItsServer() {
		String name = uniqueName("gw-out-restart");
		MessageChannel requests = register(
				(flow) -> flow.handle(WinIpc.outboundGateway(client(name, PipeFraming.MESSAGE))))
			.getInputChannel();
		MessagingTemplate template = new MessagingTemplate();
		try (PeerProcess first = peer(PipeFraming.MESSAGE, "serve", name, "first:")) {
			first.awaitLine("ready");
			assertThat(template.convertSendAndReceive(requests, "before", String.class)).isEqualTo("first:before");
			first.kill();
		}
		backend().afterServerKilled(name);
		try (PeerProcess second = peer(PipeFraming.MESSAGE, "serve", name, "second:")) {
			second.awaitLine("ready");
			assertThat(template.convertSendAndReceive(requests, "after", String.class)).isEqualTo("second:after");
		}
	}

	@Test
	void inboundGatewayServes64ClientsOf1000RequestsEach() {
		String name = uniqueName("load");
		register(IntegrationFlow.from(WinIpc.inboundGateway(server(name, PipeFraming.MESSAGE)))
			.transform(String.class, (request) -> "echo:" + request)
			.get());
		// Each client checks that every reply answers its own request, in order. Under Wine
		// on a busy 2-core machine the 64,000 round trips may take a minute or more.
		try (PeerProcess clients = peer(PipeFraming.MESSAGE, "load", name, 64, 1000)) {
			assertThat(clients.finish(Duration.ofMinutes(3))).containsExactly("replies: 64000 failures: 0");
		}
	}

	static List<Object> payloads(BlockingQueue<Message<?>> queue, int count) throws InterruptedException {
		List<Object> payloads = new ArrayList<>();
		take(queue, count).forEach((message) -> payloads.add(message.getPayload()));
		return payloads;
	}

	static List<Message<?>> take(BlockingQueue<Message<?>> queue, int count) throws InterruptedException {
		List<Message<?>> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Message<?> message = queue.poll(30, TimeUnit.SECONDS);
			assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
			messages.add(message);
		}
		return messages;
	}

	private static String value(List<String> lines, String prefix) {
		return lines.stream()
			.filter((line) -> line.startsWith(prefix))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in " + lines))
			.substring(prefix.length());
	}

}
