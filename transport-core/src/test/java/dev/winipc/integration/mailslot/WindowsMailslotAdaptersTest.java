package dev.winipc.integration.mailslot;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.MailslotSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.windows.WindowsTestPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mailslot adapters on the Windows backend, against native Windows peers: on Windows
 * for real, on Linux with the backend's Win32 calls and the peers under Wine.
 */
class WindowsMailslotAdaptersTest extends FlowTestSupport {

	@Test
	void inboundAdapterReadsANativeWriter() throws Exception {
		String name = PipeNames.uniqueMailslot("win-inbound");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(windows(WinIpc.mailslot(name))))
			.handle(received::add)
			.get());
		try (PeerProcess writer = WindowsPeers.start("win_mailslot_peer", "write", name, "Message one", "Message two")) {
			assertThat(writer.finish()).containsExactly("sent 2");
		}
		Message<?> first = received.poll(30, TimeUnit.SECONDS);
		assertThat(first).isNotNull();
		assertThat(first.getPayload()).isEqualTo("Message one");
		// Windows does not tell a mailslot reader who wrote.
		assertThat(first.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "mailslot")
			.containsEntry(WinIpcHeaders.ENDPOINT, name)
			.doesNotContainKeys(WinIpcHeaders.PEER_PID, WinIpcHeaders.PEER_USER, WinIpcHeaders.CONNECTION_ID);
		Message<?> second = received.poll(30, TimeUnit.SECONDS);
		assertThat(second).isNotNull();
		assertThat(second.getPayload()).isEqualTo("Message two");
	}

	@Test
	void outboundAdapterWritesIntoANativeReader() {
		String name = PipeNames.uniqueMailslot("win-outbound");
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(windows(WinIpc.mailslot(name)))))
			.getInputChannel();
		try (PeerProcess reader = WindowsPeers.start("win_mailslot_peer", "read", name, 2)) {
			reader.awaitLine("ready");
			input.send(MessageBuilder.withPayload("one").build());
			input.send(MessageBuilder.withPayload("two").build());
			assertThat(reader.finish()).containsExactly("ready", "got: one", "got: two");
		}
	}

	@Test
	void outboundAdapterWithNoReaderFailsNamingTheSlotAndFileNotFound() {
		String name = PipeNames.uniqueMailslot("win-nobody");
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(windows(WinIpc.mailslot(name)))))
			.getInputChannel();

		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("lost?").build()))
			.withMessageContaining("Failed to send to mailslot " + name + ": CreateFile(\\\\.\\mailslot\\" + name
					+ ") failed: ERROR_FILE_NOT_FOUND (2) no reader has created the mailslot");
	}

	private static MailslotSpec windows(MailslotSpec mailslot) {
		return mailslot.platform(WindowsTestPlatform.platform()).payloadType(PayloadType.STRING);
	}

}
