package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;

import dev.winipc.integration.EndpointState;
import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.dsl.PipeConnectionFactorySpec;
import dev.winipc.integration.dsl.PipeInboundChannelAdapterSpec;
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
 * The Windows backend's endpoints where only it can show the behaviour: stopping a
 * client-role endpoint while it is connecting through Win32, and its state naming the
 * Win32 error while its native server is missing. What every endpoint does
 * is the contract of {@link PipeAdapterContract}, run on this backend by
 * {@link WindowsPipeAdapterContractTest}.
 */
class WindowsBackendAdaptersTest extends FlowTestSupport {

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

	@Test
	void clientRoleEndpointIsDownNamingTheWin32ErrorUntilANativeServerServesItsPipe() {
		String name = name();
		PipeInboundChannelAdapterSpec adapter = WinIpc.inboundAdapter(windows(WinIpc.pipeClient(name)));
		register(IntegrationFlow.from(adapter).nullChannel());
		WinIpcEndpoint endpoint = adapter.getObject();
		await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
			.returns(EndpointStatus.DOWN, EndpointState::status)
			.returns("\\\\.\\pipe\\" + name, EndpointState::object)
			.satisfies((state) -> assertThat(state.lastError()).contains("ERROR_FILE_NOT_FOUND (2)")));

		try (PeerProcess server = WindowsPeers.start("win_pipe_peer", "serve", name, "echo: ")) {
			server.awaitLine("ready");
			await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
				.returns(EndpointStatus.UP, EndpointState::status)
				.returns(1, EndpointState::connections));
			server.kill();
			await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
				.returns(EndpointStatus.DOWN, EndpointState::status)
				.returns("not connected; retrying", EndpointState::reason));
		}
	}

	private static PipeConnectionFactorySpec windows(PipeConnectionFactorySpec pipe) {
		return pipe.platform(WindowsTestPlatform.platform()).payloadType(PayloadType.STRING);
	}

	private static String name() {
		return "winipc-adapters-" + UUID.randomUUID();
	}

}
