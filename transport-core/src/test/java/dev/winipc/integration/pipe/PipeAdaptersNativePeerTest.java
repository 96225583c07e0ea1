package dev.winipc.integration.pipe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the pipe endpoints fail, against real peers: a peer that closes or never replies,
 * and nobody at the other end. What every endpoint does in each role is the contract of
 * {@link PipeAdapterContract}.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class PipeAdaptersNativePeerTest extends FlowTestSupport {

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
