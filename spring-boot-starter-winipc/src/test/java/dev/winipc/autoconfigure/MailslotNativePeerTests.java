package dev.winipc.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exchanges messages with native C peers through mailslot endpoints and channels
 * declared only in {@code mailslot-peer-test.yml}.
 */
@SpringBootTest(classes = MailslotNativePeerTests.PeerApplication.class,
		properties = "spring.config.name=mailslot-peer-test")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix datagram sockets; on Windows the Windows backend tests run")
class MailslotNativePeerTests {

	private static final String INBOUND = PipeNames.uniqueMailslot("boot-inbound");

	private static final String OUTBOUND = PipeNames.uniqueMailslot("boot-outbound");

	@Autowired
	private PeerApplication application;

	@Autowired
	@Qualifier("to-legacy")
	private MessageChannel toLegacy;

	@DynamicPropertySource
	static void mailslotNames(DynamicPropertyRegistry registry) {
		registry.add("mailslot-peer-test.inbound", () -> INBOUND);
		registry.add("mailslot-peer-test.outbound", () -> OUTBOUND);
	}

	@Test
	void nativeWriterMessagesReachTheChannelWithTheirHeaders() {
		try (PeerProcess writer = NativePeers.start("mailslot_peer", "write", PipeNames.mailslotPath(INBOUND),
				"Message one for mailslot.", "Message two for mailslot.")) {
			assertThat(writer.finish()).containsExactly("sent 2");
		}
		await().until(() -> this.application.messages.size() == 2);
		assertThat(this.application.messages).extracting(Message::getPayload)
			.containsExactly("Message one for mailslot.", "Message two for mailslot.");
		assertThat(this.application.messages.get(0).getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "mailslot")
			.containsEntry(WinIpcHeaders.ENDPOINT, INBOUND)
			.containsEntry(WinIpcHeaders.PEER_USER, System.getProperty("user.name"));
	}

	@Test
	void channelMessagesReachANativeReader() {
		try (PeerProcess reader = NativePeers.start("mailslot_peer", "read", PipeNames.mailslotPath(OUTBOUND), 2)) {
			reader.awaitLine("ready");
			this.toLegacy.send(MessageBuilder.withPayload("to the legacy reader").build());
			this.toLegacy.send(MessageBuilder.withPayload(new byte[] { 'o', 'k' }).build());
			assertThat(reader.finish()).containsExactly("ready", "got: to the legacy reader", "got: ok");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PeerApplication {

		final List<Message<String>> messages = new CopyOnWriteArrayList<>();

		@ServiceActivator(inputChannel = "hello-messages")
		void hello(Message<String> message) {
			this.messages.add(message);
		}

	}

}
