package dev.winipc.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a damaged, mismatched or full ring does: a clear error naming the segment, never
 * a crash, never a silent drop, and nothing overwritten.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "damages segments through their /dev/shm files")
class RingFailureTest {

	private final SharedMemory memory = IpcPlatform.current().sharedMemory();

	@Test
	void segmentWithAForeignHeaderIsRefusedAndLeftAsItWas() throws Exception {
		String name = SegmentNames.unique("foreign");
		Path file = SegmentNames.posixPath(name);
		byte[] foreign = new byte[RingDescriptor.segmentSize(1024)];
		System.arraycopy("NOTARING".getBytes(StandardCharsets.US_ASCII), 0, foreign, 0, 8);
		Files.write(file, foreign);
		assertThatExceptionOfType(SharedMemoryLayoutException.class)
			.isThrownBy(() -> SharedMemoryRing.open(this.memory, ring(name, 1024).build()))
			.withMessageContaining("open(/" + name + ") failed")
			.withMessageContaining("its magic is 0x474e495241544f4e, not the winipc ring's")
			.withMessageContaining("it is not overwritten");
		assertThat(Files.readAllBytes(file)).isEqualTo(foreign);
	}

	@Test
	void segmentWhoseCreatorNeverWroteTheHeaderIsRefused() throws Exception {
		String name = SegmentNames.unique("uninitialised");
		Files.write(SegmentNames.posixPath(name), new byte[RingDescriptor.segmentSize(1024)]);
		assertThatExceptionOfType(SharedMemoryLayoutException.class)
			.isThrownBy(() -> SharedMemoryRing.open(this.memory, ring(name, 1024).build()))
			.withMessageContaining("/" + name)
			.withMessageContaining("its header is not initialised (the magic is zero");
	}

	@Test
	void headerOfAnotherVersionIsRefused() throws Exception {
		String name = SegmentNames.unique("version");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory, ring(name, 1024).build())) {
			patchInt(name, RingDescriptor.VERSION_OFFSET, 7);
			assertThatExceptionOfType(SharedMemoryLayoutException.class)
				.isThrownBy(() -> SharedMemoryRing.open(this.memory, ring(name, 1024).build()))
				.withMessageContaining("its header has version 7; this winipc reads version 1");
		}
	}

	@Test
	void ringOfASmallerCapacityIsRefusedNamingBothCapacities() throws Exception {
		String name = SegmentNames.unique("smaller");
		try (SharedMemoryRing created = SharedMemoryRing.open(this.memory, ring(name, 1024).build())) {
			assertThatExceptionOfType(SharedMemoryLayoutException.class)
				.isThrownBy(() -> SharedMemoryRing.open(this.memory, ring(name, 4096).build()))
				.withMessageContaining("/" + name)
				.withMessageContaining("the ring holds a capacity of 1024 bytes, not the 4096 configured");
		}
	}

	@Test
	void ringOfALargerCapacityIsRefusedNamingBothCapacities() throws Exception {
		String name = SegmentNames.unique("larger");
		try (SharedMemoryRing created = SharedMemoryRing.open(this.memory, ring(name, 4096).build())) {
			assertThatExceptionOfType(SharedMemoryLayoutException.class)
				.isThrownBy(() -> SharedMemoryRing.open(this.memory, ring(name, 1024).build()))
				.withMessageContaining("it holds a capacity of 4096 bytes, not the 1024 configured");
		}
	}

	@Test
	void recordLengthPointingOutsideTheRingIsAnErrorAndTheRecordStays() throws Exception {
		String name = SegmentNames.unique("length");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory, ring(name, 1024).build())) {
			byte[] record = RingRecords.text("first");
			ring.write(record, 0, record.length);
			ring.write(record, 0, record.length);
			patchInt(name, RingDescriptor.HEADER_LENGTH, 0x7FFFFF00);
			List<String> read = new ArrayList<>();
			for (int attempt = 0; attempt < 2; attempt++) {
				assertThatExceptionOfType(SharedMemoryLayoutException.class)
					.isThrownBy(() -> ring.read((buffer, offset, length) -> read.add("record"), 10))
					.withMessageContaining("read(/" + name + ") failed")
					.withMessageContaining("the record length 2147483392 at ring offset 0 points outside the ring "
							+ "(1024 bytes to its end, 8 at least); the ring is corrupted");
			}
			assertThat(read).isEmpty();
			assertThat(ring.pending()).isEqualTo(32);
		}
	}

	@Test
	void recordOfAnInvalidTypeIsAnError() throws Exception {
		String name = SegmentNames.unique("type");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory, ring(name, 1024).build())) {
			byte[] record = RingRecords.text("typed");
			ring.write(record, 0, record.length);
			patchInt(name, RingDescriptor.HEADER_LENGTH + 4, 0);
			assertThatExceptionOfType(SharedMemoryLayoutException.class)
				.isThrownBy(() -> ring.read((buffer, offset, length) -> { }, 10))
				.withMessageContaining("the record type 0 at ring offset 0 is neither padding (-1) nor a message type");
		}
	}

	@Test
	void headPositionPastTheTailIsAnErrorOfTheWriter() throws Exception {
		String name = SegmentNames.unique("head");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory, ring(name, 1024).build())) {
			patchLong(name, RingDescriptor.HEADER_LENGTH + 1024 + RingDescriptor.HEAD_POSITION_OFFSET, 1L << 40);
			patchLong(name, RingDescriptor.HEADER_LENGTH + 1024 + RingDescriptor.HEAD_CACHE_POSITION_OFFSET, 1L << 40);
			byte[] record = RingRecords.text("late");
			assertThatExceptionOfType(SharedMemoryLayoutException.class)
				.isThrownBy(() -> ring.tryWrite(record, 0, record.length))
				.withMessageContaining("write(/" + name + ") failed")
				.withMessageContaining("the tail position 0 and the head position 1099511627776 are -1099511627776 "
						+ "bytes apart");
		}
	}

	@Test
	void fullRingHoldsTheWriterBackUntilTheReaderMakesRoom() throws Exception {
		String name = SegmentNames.unique("backpressure");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				ring(name, 1024).sendTimeout(Duration.ofMinutes(1)).build())) {
			int written = fill(ring);
			byte[] last = RingRecords.text("the one that waited");
			CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
				try {
					ring.write(last, 0, last.length);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());
			List<String> records = RingRecords.readText(ring, written + 1);
			blocked.join();
			assertThat(records).hasSize(written + 1).endsWith("the one that waited");
		}
	}

	@Test
	void ringFullForTheSendTimeoutFailsClearlyAndDropsNothingWritten() throws Exception {
		String name = SegmentNames.unique("full");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				ring(name, 1024).sendTimeout(Duration.ofMillis(100)).build())) {
			int written = fill(ring);
			byte[] record = RingRecords.text("x".repeat(100));
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> ring.write(record, 0, record.length))
				.withMessage("write(/" + name + ") failed: the ring stayed full for PT0.1S: its reader is not keeping "
						+ "up, or not running; the record of 100 bytes was not written");
			assertThat(RingRecords.readText(ring, written)).hasSize(written).allMatch((text) -> text.length() == 100);
			assertThat(ring.pending()).isZero();
		}
	}

	@Test
	void recordLargerThanAnEighthOfTheCapacityIsRefused() throws Exception {
		String name = SegmentNames.unique("large");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory, ring(name, 1024).build())) {
			byte[] record = new byte[129];
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> ring.write(record, 0, record.length))
				.withMessageContaining("a record of 129 bytes is larger than the ring's largest, 128 bytes (capacity / 8)");
		}
	}

	@Test
	void closedRingFailsInsteadOfTouchingUnmappedMemory() throws Exception {
		String name = SegmentNames.unique("closed");
		SharedMemoryRing ring = SharedMemoryRing.open(this.memory, ring(name, 1024).build());
		ring.close();
		byte[] record = RingRecords.text("after close");
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> ring.write(record, 0, record.length))
			.withMessage("write(/" + name + ") failed: the shared-memory segment is closed");
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> ring.read((buffer, offset, length) -> { }, 1))
			.withMessage("read(/" + name + ") failed: the shared-memory segment is closed");
	}

	@Test
	void removeOnCloseRemovesTheSegmentAndTheDefaultKeepsIt() throws Exception {
		String kept = SegmentNames.unique("kept");
		SharedMemoryRing.open(this.memory, SharedMemoryOptions.builder(kept).capacity(1024).build()).close();
		assertThat(SegmentNames.posixPath(kept)).exists();
		String removed = SegmentNames.unique("removed");
		SharedMemoryRing.open(this.memory, ring(removed, 1024).build()).close();
		assertThat(SegmentNames.posixPath(removed)).doesNotExist();
	}

	/** Write 100-byte records until the ring is full; return how many. */
	private static int fill(SharedMemoryRing ring) throws IpcException {
		byte[] record = RingRecords.text("x".repeat(100));
		int written = 0;
		while (ring.tryWrite(record, 0, record.length)) {
			written++;
		}
		assertThat(written).isEqualTo(9);
		return written;
	}

	private static SharedMemoryOptions.Builder ring(String name, int capacity) {
		return SharedMemoryOptions.builder(name).capacity(capacity).removeOnClose(true);
	}

	private static void patchInt(String name, int offset, int value) throws IOException {
		patch(name, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
	}

	private static void patchLong(String name, int offset, long value) throws IOException {
		patch(name, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
	}

	/** Damage a segment through a mapping of its own, as another process would. */
	private static void patch(String name, int offset, ByteBuffer bytes) throws IOException {
		try (SharedRegion region = IpcPlatform.current().sharedMemory()
			.open(SharedRegionOptions.builder(name).size(offset + bytes.capacity()).create(false).build())) {
			region.buffer().put(offset, bytes, 0, bytes.capacity());
		}
		try (FileChannel channel = FileChannel.open(SegmentNames.posixPath(name), StandardOpenOption.READ)) {
			assertThat(channel.size()).isGreaterThan(offset);
		}
	}

}
