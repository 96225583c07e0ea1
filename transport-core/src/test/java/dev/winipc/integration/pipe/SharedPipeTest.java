package dev.winipc.integration.pipe;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.test.annotation.DirtiesContext;

import dev.winipc.integration.IpcConnectionClosedEvent;
import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.IpcConnectionOpenedEvent;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.PipeConnectionFactorySpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Endpoints sharing one served pipe, as Spring Integration's collaborating TCP adapters
 * do, and the connection events the pipe publishes.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class SharedPipeTest extends FlowTestSupport {

	@Test
	void inboundAndOutboundAdapterOnOnePipeAnswerEachClientByItsConnectionId() {
		String name = PipeNames.unique("async");
		PipeConnectionFactorySpec pipe = WinIpc.pipeServer(name).payloadType(PayloadType.STRING);
		register(IntegrationFlow.from(WinIpc.inboundAdapter(pipe))
			.transform(String.class, (request) -> "async:" + request)
			.handle(WinIpc.outboundAdapter(pipe))
			.get());
		// 16 clients at once; each checks that every reply answers its own request, in order.
		try (PeerProcess clients = NativePeers.start("pipe_peer", "load", PipeNames.posixPath(name), 16, 200)) {
			assertThat(clients.finish()).containsExactly("replies: 3200 failures: 0");
		}
		assertThat(pipe.getObject().getListenerName()).contains("winipc:pipe-inbound-channel-adapter");
	}

	@Test
	@DirtiesContext // the refused flow's bean definitions stay in the context, which a restart would start again
	void secondListenerOnOnePipeIsRefusedNamingBothEndpoints() {
		String name = PipeNames.unique("two-listeners");
		PipeConnectionFactorySpec pipe = WinIpc.pipeServer(name);
		register(IntegrationFlow.from(WinIpc.inboundAdapter(pipe).id("first-listener")).nullChannel());
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> register(IntegrationFlow.from(WinIpc.inboundGateway(pipe).id("second-listener"))
				.transform((payload) -> payload)
				.get()))
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("Pipe " + name + " already has a listener, 'first-listener'")
			.withMessageContaining("'second-listener' cannot listen too");
	}

	@Test
	void connectionsOpeningClosingAndFailingArePublishedWithTheirPeer() {
		String name = PipeNames.unique("events");
		register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).maxMessageSize(64)))
			.transform((payload) -> payload)
			.get());
		try (PeerProcess client = NativePeers.start("pipe_peer", "client", PipeNames.posixPath(name), "hi")) {
			assertThat(client.finish()).containsExactly("reply: hi");
		}
		await().until(() -> this.events.of(IpcConnectionClosedEvent.class, name).size() == 1);
		IpcConnectionOpenedEvent opened = this.events.of(IpcConnectionOpenedEvent.class, name).get(0);
		IpcConnectionClosedEvent closed = this.events.of(IpcConnectionClosedEvent.class, name).get(0);
		assertThat(opened.getTransport()).isEqualTo("pipe");
		assertThat(opened.getConnectionId()).startsWith(name + "-").isEqualTo(closed.getConnectionId());
		assertThat(opened.getPeer().user()).isEqualTo(System.getProperty("user.name"));
		assertThat(this.events.of(IpcConnectionFailedEvent.class, name)).isEmpty();

		try (PeerProcess bad = NativePeers.start("pipe_peer", "bad", PipeNames.posixPath(name), "oversize", 64)) {
			bad.awaitLine("closed by server");
		}
		await().until(() -> this.events.of(IpcConnectionClosedEvent.class, name).size() == 2);
		List<IpcConnectionFailedEvent> failed = this.events.of(IpcConnectionFailedEvent.class, name);
		assertThat(failed).singleElement().satisfies((event) -> {
			assertThat(event.getConnectionId()).isEqualTo(this.events.of(IpcConnectionClosedEvent.class, name)
				.get(1)
				.getConnectionId());
			assertThat(event.getCause()).hasMessageContaining("a message of 65 bytes exceeds the maximum message size");
		});
	}

}
