package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.PipeConnectionFactorySpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;
import dev.winipc.windows.WindowsTestPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapters and gateways on the Windows backend, against native Windows peers: on
 * Windows for real, on Linux with the backend's Win32 calls and the peers under Wine.
 */
class WindowsBackendAdaptersTest extends FlowTestSupport {

	@Test
	void inboundGatewayAnswersNativeClientAndReportsItsProcessId() throws Exception {
		String name = name();
		BlockingQueue<Message<?>> requests = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundGateway(windows(WinIpc.pipeServer(name))))
			.wireTap((flow) -> flow.handle(requests::add))
			.transform(String.class, (text) -> "win:" + text)
			.get());
		try (PeerProcess client = WindowsPeers.start("win_pipe_peer", "client-pid", name, "a", "b")) {
			String pid = client.awaitLine((line) -> line.startsWith("pid ")).substring(4);
			assertThat(client.finish()).containsExactly("pid " + pid, "reply: win:a", "reply: win:b");
			for (String expected : new String[] { "a", "b" }) {
				Message<?> request = requests.poll(30, TimeUnit.SECONDS);
				assertThat(request).isNotNull();
				assertThat(request.getPayload()).isEqualTo(expected);
				assertThat(request.getHeaders()).containsEntry(WinIpcHeaders.PEER_PID, Long.parseLong(pid))
					.containsEntry(WinIpcHeaders.ENDPOINT, name)
					.containsKey(WinIpcHeaders.PEER_USER);
			}
		}
	}

	@Test
	void manyNativeClientsThroughOneInboundGateway() {
		String name = name();
		register(IntegrationFlow.from(WinIpc.inboundGateway(windows(WinIpc.pipeServer(name))))
			.transform(String.class, (request) -> "echo:" + request)
			.get());
		try (PeerProcess clients = WindowsPeers.start("win_pipe_peer", "load", name, 8, 100)) {
			assertThat(clients.finish()).containsExactly("replies: 800 failures: 0");
		}
	}

	@Test
	void outboundGatewayInClientRoleGetsRepliesFromNativeServer() {
		String name = name();
		try (PeerProcess server = WindowsPeers.start("win_pipe_peer", "serve", name, "n:")) {
			server.awaitLine("ready");
			MessageChannel requests = register(
					(flow) -> flow.handle(WinIpc.outboundGateway(windows(WinIpc.pipeClient(name)))))
				.getInputChannel();
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "hello", String.class)).isEqualTo("n:hello");
			assertThat(template.convertSendAndReceive(requests, "again", String.class)).isEqualTo("n:again");
		}
	}

	@Test
	void outboundAdapterInServerRolePushesToNativeClient() {
		String name = name();
		PipeConnectionFactorySpec pipe = windows(WinIpc.pipeServer(name));
		PipeConnectionFactory server = pipe.getObject();
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(pipe))).getInputChannel();
		try (PeerProcess client = WindowsPeers.start("win_pipe_peer", "recv", name, 2)) {
			client.awaitLine("connected");
			await().until(() -> server.getConnections().size() == 1);
			input.send(MessageBuilder.withPayload("one").build());
			input.send(MessageBuilder.withPayload("two")
				.setHeader(WinIpcHeaders.CONNECTION_ID, server.getConnections().iterator().next().id())
				.build());
			assertThat(client.finish()).containsExactly("connected", "got: one", "got: two");
		}
	}

	@Test
	void clientRoleEndpointStoppedWhileConnectingStopsAndLeavesTheRelayWorking() throws Exception {
		String name = name();
		PipeConnectionFactorySpec pipe = windows(WinIpc.pipeClient(name));
		IntegrationFlowRegistration flow = this.flows
			.registration(IntegrationFlow.from(WinIpc.inboundAdapter(pipe)).nullChannel())
			.register();
		// No server: the adapter is in its connect loop once it has reported the failure.
		await().until(() -> !this.events.of(IpcConnectionFailedEvent.class, name).isEmpty());
		assertThat(this.events.of(IpcConnectionFailedEvent.class, name).get(0).getCause())
			.hasMessageContaining("ERROR_FILE_NOT_FOUND");

		CompletableFuture<Void> stopped = CompletableFuture.runAsync(flow::destroy);

		assertThat(stopped).succeedsWithin(Duration.ofSeconds(30));
		assertThat(pipe.getObject().isRunning()).isFalse();
		// Every later call still gets its own reply: a server and a client still talk.
		try (PipeServer server = WindowsTestPlatform.platform().pipes().createServer(PipeOptions.of(name))) {
			CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(() -> {
				try {
					return server.accept();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			try (PipeConnection client = WindowsTestPlatform.platform().pipes().createClient(PipeOptions.of(name))
				.connect(); PipeConnection served = accepted.get(30, TimeUnit.SECONDS)) {
				client.writeMessage("still there".getBytes(), 0, 11);
				assertThat(served.readMessage()).asString().isEqualTo("still there");
			}
		}
	}

	private static PipeConnectionFactorySpec windows(PipeConnectionFactorySpec pipe) {
		return pipe.platform(WindowsTestPlatform.platform()).payloadType(PayloadType.STRING);
	}

	private static String name() {
		return "winipc-adapters-" + UUID.randomUUID();
	}

}
