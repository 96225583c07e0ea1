package dev.winipc.shm;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SharedMemory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring against C peers ({@code peers/shm_peer.c}) written from the documented layout
 * alone, over POSIX shared memory.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX shm_open peers; WindowsSharedMemoryTest runs the Win32 peers")
class RingNativePeerTest {

	private static final int WRITERS = 4;

	private static final int RECORDS = 100_000;

	private final SharedMemory memory = IpcPlatform.current().sharedMemory();

	@Test
	void fourConcurrentNativeWritersDeliverEveryRecordInOrderPerWriter() throws Exception {
		String name = SegmentNames.unique("writers");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				SharedMemoryOptions.builder(name).capacity(64 * 1024).removeOnClose(true).build())) {
			List<PeerProcess> writers = new ArrayList<>();
			for (int writer = 0; writer < WRITERS; writer++) {
				writers.add(NativePeers.start("shm_peer", "ring-write", name, 64 * 1024, writer, RECORDS));
			}
			RingRecords.assertEveryRecordInOrder(ring, writers, RECORDS);
		}
	}

	@Test
	void javaWriterFeedsNativeReaderThatCreatedTheRing() throws Exception {
		String name = SegmentNames.unique("reader");
		try (PeerProcess reader = NativePeers.start("shm_peer", "ring-read", name, 4096, 300)) {
			reader.awaitLine("ready");
			try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
					SharedMemoryOptions.builder(name).capacity(4096).create(false).removeOnClose(true).build())) {
				assertThat(ring.created()).isFalse();
				for (int i = 0; i < 300; i++) {
					byte[] record = RingRecords.text("record " + i + " from java");
					ring.write(record, 0, record.length);
				}
				List<String> lines = reader.finish();
				assertThat(lines).hasSize(302).startsWith("ready", "record 0 from java").endsWith("record 299 from java",
						"done");
			}
		}
	}

	@Test
	void nativeTextRecordsArriveAsWritten() throws Exception {
		String name = SegmentNames.unique("text");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				SharedMemoryOptions.builder(name).capacity(1024).removeOnClose(true).build())) {
			try (PeerProcess writer = NativePeers.start("shm_peer", "ring-write-text", name, 1024, "one", "two",
					"three")) {
				assertThat(RingRecords.readText(ring, 3)).containsExactly("one", "two", "three");
				assertThat(writer.finish()).containsExactly("done");
			}
		}
	}

	@Test
	void recordAbandonedByANativeWriterHoldsTheReaderUntilUnblocked() throws Exception {
		String name = SegmentNames.unique("abandoned");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				SharedMemoryOptions.builder(name).capacity(1024).removeOnClose(true).build())) {
			assertThat(NativePeers.start("shm_peer", "ring-abandon", name, 1024).finish()).containsExactly("abandoned");
			assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 1024, "after").finish())
				.containsExactly("done");
			assertThat(ring.read((buffer, offset, length) -> { }, 10)).isZero();
			assertThat(ring.pending()).isEqualTo(32);
			assertThat(ring.unblock()).isTrue();
			assertThat(RingRecords.readText(ring, 1)).containsExactly("after");
			assertThat(ring.unblock()).isFalse();
		}
	}

}
