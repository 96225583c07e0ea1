package dev.winipc.integration.shm;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.messaging.support.GenericMessage;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.windows.WindowsTestPlatform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared-memory adapters on the Windows backend, against native Windows peers: on
 * Windows for real, on Linux with the backend's Win32 calls and the peers under Wine.
 */
class WindowsBackendSharedMemoryAdaptersTest extends FlowTestSupport {

	@Test
	void inboundRingReceivesNativeWindowsWriters() throws Exception {
		String name = "Local\\" + SegmentNames.unique("win-inbound");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(4096))
			.payloadType(PayloadType.STRING)
			.platform(WindowsTestPlatform.platform())).channel(received).get());
		assertThat(WindowsPeers.start("shm_peer", "ring-write-text", name, 4096, "from", "win32").finish())
			.containsExactly("done");
		assertThat(received.receive(30_000).getPayload()).isEqualTo("from");
		assertThat(received.receive(30_000).getHeaders()).containsEntry(WinIpcHeaders.ENDPOINT, name.substring(6));
	}

	@Test
	void outboundAdaptersFeedANativeWindowsRingReaderAndRegionReader() throws Exception {
		String ring = "Local\\" + SegmentNames.unique("win-ring");
		String region = "Local\\" + SegmentNames.unique("win-region");
		try (PeerProcess reader = WindowsPeers.start("shm_peer", "ring-read", ring, 4096, 2)) {
			reader.awaitLine("ready");
			IntegrationFlowRegistration records = register((flow) -> flow.handle(WinIpc
				.outboundAdapter(WinIpc.sharedMemory(ring).capacity(4096).create(false))
				.platform(WindowsTestPlatform.platform())));
			for (String text : List.of("one", "two")) {
				records.getInputChannel().send(new GenericMessage<>(text));
			}
			assertThat(reader.finish()).containsExactly("ready", "one", "two", "done");
		}
		IntegrationFlowRegistration greeting = register((flow) -> flow.handle(WinIpc
			.outboundAdapter(WinIpc.sharedMemory(region)
				.layout(SharedMemoryLayout.REGION)
				.size(256)
				.encoding(RegionEncoding.UTF_16LE))
			.platform(WindowsTestPlatform.platform())));
		greeting.getInputChannel().send(new GenericMessage<>("Hello, World"));
		assertThat(WindowsPeers.start("shm_peer", "region-read", region, 256, "utf-16le", "Hello, World").finish())
			.containsExactly("read: Hello, World");
	}

}
