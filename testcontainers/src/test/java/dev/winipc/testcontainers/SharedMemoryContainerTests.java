package dev.winipc.testcontainers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.support.GenericMessage;

import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRegion;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;

import static dev.winipc.testcontainers.ContainerPeers.peer;
import static dev.winipc.testcontainers.NativePeerContainer.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shared-memory endpoints against the C peer written from the documented layouts, in
 * containers of the host's IPC namespace: ring writers feeding the ring inbound adapter,
 * a region the host writes read in a container, and a segment of another user refused.
 */
@EnabledIfDockerAvailable
class SharedMemoryContainerTests extends FlowTestSupport {

	private static final int CAPACITY = 64 * 1024;

	@Test
	void ringWritersInContainersFeedTheRingInboundAdapter() throws Exception {
		String name = SegmentNames.unique("container-ring");
		int records = 20_000;
		BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(CAPACITY)))
			.handle(byte[].class, (payload, headers) -> {
				received.add(payload);
				return null;
			})
			.get());
		try (NativePeerContainer first = peer("shm_peer", "ring-write", name, CAPACITY, 1, records)
			.withSharedMemory(name);
				NativePeerContainer second = peer("shm_peer", "ring-write", name, CAPACITY, 2, records)
					.withSharedMemory(name)) {
			first.start();
			second.start();
			assertThat(first.finish()).containsExactly("ready", "done");
			assertThat(second.finish()).containsExactly("ready", "done");
		}
		// each record is {u32 writer, u32 sequence}, little-endian
		Map<Integer, List<Integer>> byWriter = new TreeMap<>();
		for (int i = 0; i < 2 * records; i++) {
			byte[] record = received.poll(30, TimeUnit.SECONDS);
			assertThat(record).as("record %d of %d", i + 1, 2 * records).hasSize(8);
			ByteBuffer fields = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
			byWriter.computeIfAbsent(fields.getInt(), (writer) -> new ArrayList<>()).add(fields.getInt());
		}
		List<Integer> inOrder = new ArrayList<>();
		for (int i = 0; i < records; i++) {
			inOrder.add(i);
		}
		assertThat(byWriter).containsOnlyKeys(1, 2);
		assertThat(byWriter.values()).allSatisfy((sequences) -> assertThat(sequences).isEqualTo(inOrder));
		assertThat(received).isEmpty();
	}

	@Test
	void regionWrittenByTheHostIsReadInAContainer() {
		String name = SegmentNames.unique("container-region");
		String greeting = "Hello, World from the host";
		register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.sharedMemory(name)
			.layout(SharedMemoryLayout.REGION)
			.size(256)
			.encoding(RegionEncoding.UTF_16LE)
			.removeOnClose(true)))).getInputChannel().send(new GenericMessage<>(greeting));
		try (NativePeerContainer reader = peer("shm_peer", "region-read", name, 256, "utf-16le", greeting)
			.withSharedMemory(name)) {
			reader.start();
			assertThat(reader.finish()).containsExactly("read: " + greeting);
		}
	}

	@Test
	void segmentOfAnotherUserIsRefusedByDefaultAndReadOnceAccessWidensIt() throws Exception {
		String name = SegmentNames.unique("container-squatted");
		try (NativePeerContainer squatter = peer("shm_peer", "--open-to-all", "region-write", name, 64, "utf-8",
				"squatted")
			.withSharedMemory(name)
			.withUser(NOBODY, NOBODY)) {
			squatter.start();
			assertThat(squatter.finish()).containsExactly("written");
		}
		SharedMemoryOptions.Builder options = SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.REGION)
			.size(64)
			.encoding(RegionEncoding.UTF_8);
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> SharedMemoryRegion.open(IpcPlatform.current().sharedMemory(), options.build()))
			.withMessageStartingWith("shm_open(/" + name + ") failed: EACCES (13) the segment belongs to user nobody (uid "
					+ NOBODY + "), not to the current user " + System.getProperty("user.name"));
		try (SharedMemoryRegion widened = SharedMemoryRegion.open(IpcPlatform.current().sharedMemory(),
				options.access("0666").build())) {
			assertThat(new String(widened.readIfChanged(), StandardCharsets.UTF_8)).isEqualTo("squatted");
		}
	}

}
