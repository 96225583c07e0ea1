package dev.winipc.integration.mailslot;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.integration.EndpointState;
import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.OperationsTestSupport;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.dsl.MailslotInboundChannelAdapterSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of mailslot endpoints, against the native C peer: the reader counts
 * exactly what the peer wrote, a message it refuses as an error; a writer is down while
 * no reader has the slot.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix datagram sockets; on Windows the Windows backend tests run")
class MailslotOperationsTest extends OperationsTestSupport {

	private final BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();

	@Test
	void readerCountsExactlyWhatANativeWriterSentAndTheMessageItRefused() {
		String name = PipeNames.uniqueMailslot("counted");
		String path = PipeNames.mailslotPath(name);
		String id = "counted-" + name;
		MailslotInboundChannelAdapterSpec reader = WinIpc.inboundAdapter(WinIpc.mailslot(name).maxMessageSize(1000))
			.id(id);
		register(IntegrationFlow.from(reader).handle(this.received::add).get());

		try (PeerProcess writer = NativePeers.start("mailslot_peer", "write", path, "a", "bb", "ccc")) {
			assertThat(writer.finish()).containsExactly("sent 3");
		}
		try (PeerProcess oversize = NativePeers.start("mailslot_peer", "oversize", path, 5000)) {
			assertThat(oversize.finish()).containsExactly("sent 2");
		}

		await().untilAsserted(() -> assertThat(messages(id, "inbound", "ok")).isEqualTo(4));
		assertThat(messages(id, "inbound", "error")).isEqualTo(1);
		assertThat(bytes(id, "inbound")).isEqualTo("abbccc".length() + "small".length());
		assertThat(this.received).hasSize(4);
		EndpointState state = reader.getObject().getEndpointState();
		assertThat(state).returns(EndpointStatus.UP, EndpointState::status)
			.returns("reader", EndpointState::role)
			.returns(path, EndpointState::object)
			.returns(null, EndpointState::connections);
		assertThat(state.lastError()).isEqualTo("recvmsg(" + path + ") failed: EMSGSIZE (90) a message of 5000 bytes "
				+ "exceeds the maximum message size of 1000 bytes; it is discarded");
	}

	@Test
	void writerIsDownWhileNoReaderHasTheSlotAndUpOnceOneReads() {
		String name = PipeNames.uniqueMailslot("writer-down");
		String path = PipeNames.mailslotPath(name);
		String id = "writer-" + name;
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name)),
				(endpoint) -> endpoint.id(id)))
			.getInputChannel();
		WinIpcEndpoint writer = handler(id);
		assertThat(writer.getEndpointState().status()).isEqualTo(EndpointStatus.UP);

		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("nobody reads").build()));
		assertThat(writer.getEndpointState()).returns(EndpointStatus.DOWN, EndpointState::status)
			.returns("the last write failed", EndpointState::reason)
			.satisfies((state) -> assertThat(state.lastError()).startsWith("connect(" + path + ") failed: ENOENT (2)"));
		assertThat(messages(id, "outbound", "error")).isEqualTo(1);

		try (PeerProcess reader = NativePeers.start("mailslot_peer", "read", path, 2)) {
			reader.awaitLine("ready");
			input.send(MessageBuilder.withPayload("one").build());
			input.send(MessageBuilder.withPayload("two").build());
			assertThat(reader.finish()).containsExactly("ready", "got: one", "got: two");
		}
		assertThat(writer.getEndpointState().status()).isEqualTo(EndpointStatus.UP);
		assertThat(messages(id, "outbound", "ok")).isEqualTo(2);
		assertThat(bytes(id, "outbound")).isEqualTo("onetwo".length());
		assertThat(sendsTimed(id)).isEqualTo(2);
	}

	@Test
	void messageTooLargeForTheSlotLeavesTheWriterUp() {
		String name = PipeNames.uniqueMailslot("writer-oversize");
		String consumer = "oversize-" + name;
		String id = "named-" + name;
		MessageChannel input = register((flow) -> flow.handle(
				WinIpc.outboundAdapter(WinIpc.mailslot(name).maxMessageSize(4)).endpointId(id),
				(endpoint) -> endpoint.id(consumer)))
			.getInputChannel();
		WinIpcEndpoint writer = handler(consumer);
		assertThat(writer.getEndpointId()).as("the id the spec set").isEqualTo(id);
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("12345").build()));
		assertThat(writer.getEndpointState()).returns(EndpointStatus.UP, EndpointState::status)
			.satisfies((state) -> assertThat(state.lastError()).contains("exceeds the maximum message size of 4 bytes"));
		assertThat(messages(id, "outbound", "error")).isEqualTo(1);
	}

}
