package dev.winipc.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.shm.SharedMemoryInboundChannelAdapter;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.SegmentNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared-memory endpoints declared only in properties, against native C peers.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX shm_open peers; the Windows backend tests run the Win32 peers")
class SharedMemoryNativePeerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class))
		.withUserConfiguration(Received.class);

	@Test
	void ringDeclaredInPropertiesReceivesANativeWriter() {
		String name = SegmentNames.unique("boot-ring");
		this.runner
			.withPropertyValues("winipc.shared-memory.ticks.name=Local\\" + name,
					"winipc.shared-memory.ticks.direction=inbound", "winipc.shared-memory.ticks.channel=received",
					"winipc.shared-memory.ticks.capacity=64KB", "winipc.shared-memory.ticks.payload-type=string",
					"winipc.shared-memory.ticks.idle-strategy=yield",
					"winipc.shared-memory.ticks.generate-id-and-timestamp=false",
					"winipc.shared-memory.ticks.remove-on-close=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SharedMemoryInboundChannelAdapter.class)
					.hasBean("ticks" + SharedMemoryEndpoints.INBOUND_CHANNEL_ADAPTER);
				assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 65536, "tick 1", "tick 2").finish())
					.containsExactly("done");
				QueueChannel received = context.getBean("received", QueueChannel.class);
				Message<?> first = received.receive(30_000);
				assertThat(first.getPayload()).isEqualTo("tick 1");
				assertThat(first.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "shared-memory")
					.containsEntry(WinIpcHeaders.ENDPOINT, name)
					.doesNotContainKey(MessageHeaders.ID);
				assertThat(received.receive(30_000).getPayload()).isEqualTo("tick 2");
			});
		assertThat(SegmentNames.posixPath(name)).doesNotExist();
	}

	@Test
	void regionDeclaredInPropertiesWritesAUtf16GreetingForANativeReader() {
		String name = SegmentNames.unique("boot-hello");
		this.runner
			.withPropertyValues("winipc.shared-memory.hello.name=Local\\" + name,
					"winipc.shared-memory.hello.direction=outbound", "winipc.shared-memory.hello.channel=greetings",
					"winipc.shared-memory.hello.layout=region", "winipc.shared-memory.hello.size=256B",
					"winipc.shared-memory.hello.encoding=utf-16le")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean("greetings", MessageChannel.class).send(new GenericMessage<>("Hello, World"));
				assertThat(NativePeers.start("shm_peer", "region-read", name, 256, "utf-16le", "Hello, World").finish())
					.containsExactly("read: Hello, World");
			});
		// Not removed on close by default: a reader may still come for it.
		assertThat(SegmentNames.posixPath(name)).exists();
	}

	@Configuration(proxyBeanMethods = false)
	static class Received {

		@Bean
		QueueChannel received() {
			return new QueueChannel();
		}

	}

}
