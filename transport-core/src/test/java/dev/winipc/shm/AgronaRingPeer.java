package dev.winipc.shm;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

/**
 * Agrona's own {@code ManyToOneRingBuffer} on a winipc ring's segment, mapped from
 * {@code /dev/shm} at offset 128: the reference peer. Agrona 2.x needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, so it runs in a JVM of
 * its own ({@link AgronaRingInteropTest}).
 * <pre>
 * AgronaRingPeer write NAME CAPACITY COUNT   writes "agrona N" records, type 1
 * AgronaRingPeer read NAME CAPACITY COUNT    prints COUNT records as "TYPE TEXT"
 * </pre>
 */
public final class AgronaRingPeer {

	private AgronaRingPeer() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		String command = args[0];
		Path file = Path.of("/dev/shm", args[1]);
		int capacity = Integer.parseInt(args[2]);
		int count = Integer.parseInt(args[3]);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0,
					RingDescriptor.segmentSize(capacity));
			ManyToOneRingBuffer ring = new ManyToOneRingBuffer(
					new UnsafeBuffer(mapped, RingDescriptor.HEADER_LENGTH, capacity + RingDescriptor.TRAILER_LENGTH));
			System.out.println("ready " + ring.capacity() + " " + ring.maxMsgLength());
			if ("write".equals(command)) {
				UnsafeBuffer record = new UnsafeBuffer(new byte[64]);
				for (int i = 0; i < count; i++) {
					int length = record.putStringWithoutLengthAscii(0, "agrona " + i);
					while (!ring.write(1, record, 0, length)) {
						Thread.onSpinWait();
					}
				}
			}
			else {
				int[] seen = { 0 };
				long deadline = System.nanoTime() + 30_000_000_000L;
				while (seen[0] < count && System.nanoTime() < deadline) {
					if (ring.read((type, buffer, index, length) -> {
						byte[] bytes = new byte[length];
						buffer.getBytes(index, bytes);
						System.out.println(type + " " + new String(bytes, StandardCharsets.UTF_8));
						seen[0]++;
					}) == 0) {
						Thread.sleep(1);
					}
				}
			}
			System.out.println("done");
		}
	}

}
