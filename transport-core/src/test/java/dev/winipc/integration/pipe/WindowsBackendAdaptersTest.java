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

import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.PipeConnectionFactorySpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;
import dev.winipc.windows.WindowsTestPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Windows backend's endpoints where only it can show the behaviour: stopping a
 * client-role endpoint while it is connecting through Win32. What every endpoint does
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

	private static PipeConnectionFactorySpec windows(PipeConnectionFactorySpec pipe) {
		return pipe.platform(WindowsTestPlatform.platform()).payloadType(PayloadType.STRING);
	}

	private static String name() {
		return "winipc-adapters-" + UUID.randomUUID();
	}

}
