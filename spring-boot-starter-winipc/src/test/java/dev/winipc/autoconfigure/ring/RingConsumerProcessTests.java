package dev.winipc.autoconfigure.ring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.shm.RingRecords;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consuming application of a ring, a JVM of its own, stopped mid-stream while a
 * native writer goes on, then started again: the records written meanwhile wait in the
 * segment and are read then.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM and the POSIX C peer; Windows has no SIGTERM to send")
class RingConsumerProcessTests {

	private static final int RECORDS = 20_000;

	private static final int CAPACITY = 16 * 1024;

	@Test
	void applicationStoppedGracefullyMidStreamAndStartedAgainReadsEveryRecordOnce() {
		String name = SegmentNames.unique("consumer");
		List<Integer> read = new ArrayList<>();
		try (PeerProcess first = start(name)) {
			first.awaitLine((line) -> line.contains("Started RingConsumerApplication"));
			try (PeerProcess writer = NativePeers.start("shm_peer", "ring-write", name, CAPACITY, 3, RECORDS)) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> RingRecords.printedSequences(first, 3).size() > 2_000);

				first.terminate();

				assertThat(first.waitFor()).isZero();
				read.addAll(RingRecords.printedSequences(first, 3));
				assertThat(read.size()).isLessThan(RECORDS);
				try (PeerProcess second = start(name)) {
					await().atMost(Duration.ofSeconds(60))
						.until(() -> read.size() + RingRecords.printedSequences(second, 3).size() >= RECORDS);
					assertThat(writer.finish()).containsExactly("ready", "done");
					read.addAll(RingRecords.printedSequences(second, 3));
				}
			}
		}
		// Exactly once across a graceful stop: the record being handled finished first.
		assertThat(read).hasSize(RECORDS);
		for (int i = 0; i < RECORDS; i++) {
			assertThat(read.get(i)).isEqualTo(i);
		}
	}

	@Test
	void applicationKilledMidStreamLosesNoRecord() {
		String name = SegmentNames.unique("killed");
		List<Integer> read = new ArrayList<>();
		try (PeerProcess first = start(name)) {
			first.awaitLine((line) -> line.contains("Started RingConsumerApplication"));
			try (PeerProcess writer = NativePeers.start("shm_peer", "ring-write", name, CAPACITY, 3, RECORDS)) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> RingRecords.printedSequences(first, 3).size() > 2_000);

				first.kill();

				read.addAll(RingRecords.printedSequences(first, 3));
				try (PeerProcess second = start(name)) {
					await().atMost(Duration.ofSeconds(60)).until(() -> {
						List<Integer> more = RingRecords.printedSequences(second, 3);
						return !more.isEmpty() && more.get(more.size() - 1) == RECORDS - 1;
					});
					assertThat(writer.finish()).containsExactly("ready", "done");
					List<Integer> more = RingRecords.printedSequences(second, 3);
					// A record handled when the process died, before it was consumed, comes again.
					if (!read.isEmpty() && !more.isEmpty() && more.get(0).equals(read.get(read.size() - 1))) {
						more.remove(0);
					}
					read.addAll(more);
				}
			}
		}
		assertThat(read).hasSize(RECORDS);
		for (int i = 0; i < RECORDS; i++) {
			assertThat(read.get(i)).isEqualTo(i);
		}
	}


	private static PeerProcess start(String ring) {
		return PeerProcess.startJava(RingConsumerApplication.class, List.of("--spring.main.banner-mode=off",
				"--winipc.shared-memory.records.name=" + ring, "--winipc.shared-memory.records.direction=inbound",
				"--winipc.shared-memory.records.channel=records",
				"--winipc.shared-memory.records.capacity=" + CAPACITY + "B"));
	}

}
