package dev.winipc.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

/**
 * Reads a ring in the test thread until a condition holds, collecting what it read.
 */
final class RingRecords {

	private RingRecords() {
	}

	/**
	 * Read text records until {@code count} arrived.
	 * @param ring the ring
	 * @param count how many
	 * @return the records, as UTF-8 text
	 */
	static List<String> readText(SharedMemoryRing ring, int count) {
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
	static void drain(SharedMemoryRing ring, SharedMemoryRing.RecordHandler handler, BooleanSupplier done) {
		Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1)).until(() -> {
			while (ring.read(handler, 1024) > 0) {
				// keep reading while there is something
			}
			return done.getAsBoolean();
		});
	}

	/**
	 * Encode a text record.
	 * @param text the text
	 * @return its UTF-8 bytes
	 */
	static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read a little-endian int of a record.
	 * @param buffer the ring's buffer
	 * @param offset where
	 * @return the value
	 */
	static int intAt(ByteBuffer buffer, int offset) {
		return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
	}

}
