package dev.winipc.integration.pipe;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.PythonPeers;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code message} framing is exactly what Python's {@code multiprocessing.connection}
 * speaks, on every OS: its {@code Client} and {@code Listener} (no authkey) exchange
 * messages with the adapters in both directions — over a Unix socket on POSIX, over a
 * message-mode pipe {@code \\.\pipe\NAME} ({@code AF_PIPE}) on Windows, where the JNA
 * backend runs.
 */
class PythonMultiprocessingInteropTest extends FlowTestSupport {

	private static String address(String name) {
		return IpcPlatform.current().osName(EndpointName.pipe(name));
	}

	@Test
	void pythonClientTalksToInboundGateway() {
		String name = PipeNames.unique("pyclient");
		register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).payloadType(PayloadType.STRING)))
			.transform(String.class, text -> "java:" + text.toUpperCase())
			.get());
		try (PeerProcess client = PythonPeers.start("mpc_client", address(name), "ping", "pong")) {
			assertThat(client.finish()).containsExactly("reply: java:PING", "reply: java:PONG", "sent 2");
		}
	}

	@Test
	void pythonClientFeedsInboundAdapter() throws Exception {
		String name = PipeNames.unique("pyfeed");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name))).handle(received::add).get());
		try (PeerProcess client = PythonPeers.start("mpc_client", address(name), "--send-only", "x",
				"yz")) {
			assertThat(client.finish()).containsExactly("sent 2");
		}
		assertThat(PipeAdaptersNativePeerTest.payloads(received, 2)).containsExactly("x".getBytes(), "yz".getBytes());
	}

	@Test
	void outboundAdapterInClientRoleSendsToPythonListener() {
		String name = PipeNames.unique("pylistener");
		try (PeerProcess listener = PythonPeers.start("mpc_listener", address(name), "recv", "2")) {
			listener.awaitLine("ready");
			MessageChannel input = register(flow -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(name))))
				.getInputChannel();
			input.send(MessageBuilder.withPayload("first").build());
			input.send(MessageBuilder.withPayload("second".getBytes()).build());
			assertThat(listener.finish()).containsExactly("ready", "got: first", "got: second", "done");
		}
	}

	@Test
	void outboundGatewayInClientRoleRequestsFromPythonListener() {
		String name = PipeNames.unique("pyecho");
		try (PeerProcess listener = PythonPeers.start("mpc_listener", address(name), "echo", "2")) {
			listener.awaitLine("ready");
			MessageChannel requests = register(
					flow -> flow.handle(WinIpc.outboundGateway(WinIpc.pipeClient(name).payloadType(PayloadType.STRING))))
				.getInputChannel();
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "a", String.class)).isEqualTo("py:a");
			assertThat(template.convertSendAndReceive(requests, "b", String.class)).isEqualTo("py:b");
			assertThat(listener.finish()).containsExactly("ready", "done");
		}
	}

	@Test
	void inboundAdapterInClientRoleReceivesFromPythonListener() throws Exception {
		String name = PipeNames.unique("pypush");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		try (PeerProcess listener = PythonPeers.start("mpc_listener", address(name), "push", "3")) {
			listener.awaitLine("ready");
			register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeClient(name).payloadType(PayloadType.STRING)))
				.handle(received::add)
				.get());
			assertThat(PipeAdaptersNativePeerTest.payloads(received, 3)).containsExactly("py-0", "py-1", "py-2");
		}
	}

}
