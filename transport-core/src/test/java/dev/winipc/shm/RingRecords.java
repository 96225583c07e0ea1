package dev.winipc.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

import dev.winipc.testing.PeerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a ring in the test thread until a condition holds, collecting what it read.
 */
public final class RingRecords {

	private RingRecords() {
	}

	/**
	 * Read text records until {@code count} arrived.
	 * @param ring the ring
	 * @param count how many
	 * @return the records, as UTF-8 text
	 */
	public static List<String> readText(SharedMemoryRing ring, int count) {
		List<String> records = new ArrayList<>();
		drain(ring, (buffer, offset, length) -> {
			byte[] bytes = new byte[length];
			buffer.get(offset, bytes, 0, length);
			records.add(new String(bytes, StandardCharsets.UTF_8));
		}, () -> records.size() >= count);
		return records;
	}

	/**
	 * Read until a condition holds, at most a minute.
	 * @param ring the ring
	 * @param handler what to do with each record
	 * @param done when to stop
	 */
	public static void drain(SharedMemoryRing ring, SharedMemoryRing.RecordHandler handler, BooleanSupplier done) {
		Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1)).until(() -> {
			while (ring.read(handler, 1024) > 0) {
				// keep reading while there is something
			}
			return done.getAsBoolean();
		});
	}

	/**
	 * Read {@code writers} x {@code records} records of {@code {u32 writer, u32 sequence}}
	 * and check that each writer's arrived complete and in order.
	 * @param ring the ring
	 * @param writers the native writers, each printing "ready" and "done"
	 * @param records how many each writes
	 */
	public static void assertEveryRecordInOrder(SharedMemoryRing ring, List<PeerProcess> writers, int records) {
		int[] next = new int[writers.size()];
		List<String> disorder = new ArrayList<>();
		drain(ring, (buffer, offset, length) -> {
			int writer = intAt(buffer, offset);
			int sequence = intAt(buffer, offset + 4);
			if (length != 8 || writer < 0 || writer >= next.length || sequence != next[writer]) {
				disorder.add("writer " + writer + " sent " + sequence + " (length " + length + ")");
			}
			else {
				next[writer]++;
			}
		}, () -> !disorder.isEmpty() || Arrays.stream(next).sum() == next.length * records);
		for (PeerProcess writer : writers) {
			assertThat(writer.finish()).containsExactly("ready", "done");
		}
		assertThat(disorder).isEmpty();
		assertThat(next).containsOnly(records);
	}

	/**
	 * Encode a text record.
	 * @param text the text
	 * @return its UTF-8 bytes
	 */
	public static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read a little-endian int of a record.
	 * @param buffer the ring's buffer
	 * @param offset where
	 * @return the value
	 */
	public static int intAt(ByteBuffer buffer, int offset) {
		return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
	}

	/**
	 * Return the sequences of one writer's records that an application printed as
	 * {@code record WRITER SEQUENCE}, in the order it printed them.
	 * @param application the application
	 * @param writer the writer
	 * @return the sequences
	 */
	public static List<Integer> printedSequences(PeerProcess application, int writer) {
		String prefix = "record " + writer + " ";
		List<Integer> sequences = new ArrayList<>();
		for (String line : application.lines()) {
			if (line.startsWith(prefix)) {
				sequences.add(Integer.parseInt(line.substring(prefix.length())));
			}
		}
		return sequences;
	}

}
