package dev.winipc.shm;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring is byte-compatible with Agrona's {@code ManyToOneRingBuffer}: records
 * exchanged with Agrona's own implementation, in a JVM of its own on the same
 * {@code /dev/shm} segment, both ways, across several wraps of the buffer.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Agrona peer maps the segment's file in /dev/shm")
class AgronaRingInteropTest {

	private static final int CAPACITY = 1024;

	private static final int RECORDS = 500;

	@Test
	void agronaWriterFeedsWinIpcReader() throws Exception {
		String name = SegmentNames.unique("agrona-writer");
		try (SharedMemoryRing ring = SharedMemoryRing.open(IpcPlatform.current().sharedMemory(), options(name))) {
			try (PeerProcess agrona = agrona("write", name, RECORDS)) {
				agrona.awaitLine("ready " + CAPACITY + " " + RingDescriptor.maxPayload(CAPACITY));
				List<String> records = RingRecords.readText(ring, RECORDS);
				List<String> expected = new ArrayList<>();
				for (int i = 0; i < RECORDS; i++) {
					expected.add("agrona " + i);
				}
				assertThat(records).isEqualTo(expected);
				assertThat(agrona.finish()).endsWith("done");
			}
			assertThat(ring.pending()).isZero();
		}
	}

	@Test
	void winIpcWriterFeedsAgronaReader() throws Exception {
		String name = SegmentNames.unique("agrona-reader");
		try (SharedMemoryRing ring = SharedMemoryRing.open(IpcPlatform.current().sharedMemory(), options(name))) {
			try (PeerProcess agrona = agrona("read", name, RECORDS)) {
				agrona.awaitLine("ready " + CAPACITY + " " + RingDescriptor.maxPayload(CAPACITY));
				for (int i = 0; i < RECORDS; i++) {
					// Lengths that are not multiples of the alignment, so padding and wraps vary.
					byte[] record = RingRecords.text("winipc " + i + " " + "x".repeat(i % 13));
					ring.write(record, 0, record.length);
				}
				List<String> lines = agrona.finish();
				assertThat(lines).hasSize(RECORDS + 2);
				for (int i = 0; i < RECORDS; i++) {
					assertThat(lines.get(i + 1)).isEqualTo(RingDescriptor.MESSAGE_TYPE + " winipc " + i + " "
							+ "x".repeat(i % 13));
				}
			}
			assertThat(ring.pending()).isZero();
		}
	}

	private static SharedMemoryOptions options(String name) {
		return SharedMemoryOptions.builder(name).capacity(CAPACITY).removeOnClose(true).build();
	}

	private static PeerProcess agrona(String command, String name, int count) throws URISyntaxException {
		String classPath = location(AgronaRingPeer.class) + File.pathSeparator + location(RingDescriptor.class)
				+ File.pathSeparator + location(org.agrona.concurrent.ringbuffer.RingBuffer.class);
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		return PeerProcess.start(List.of(java.toString(), "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
				"-cp", classPath, AgronaRingPeer.class.getName(), command, name, Integer.toString(CAPACITY),
				Integer.toString(count)));
	}

	private static String location(Class<?> type) throws URISyntaxException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
	}

}
