package dev.winipc.shm;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedMemory;

/**
 * A block of named shared memory holding one current content rather than a queue:
 * {@link SharedMemoryLayout#REGION} (no header, what legacy peers write into
 * {@code Local\HelloWorld}) or {@link SharedMemoryLayout#SEQLOCK} (a sequence counter
 * in a header, so readers never see a torn write). Content is delimited as the
 * {@link RegionEncoding} says.
 * <pre class="code">
 * try (SharedMemoryRegion hello = SharedMemoryRegion.open(IpcPlatform.current().sharedMemory(),
 *         SharedMemoryOptions.builder("Local\\HelloWorld").layout(SharedMemoryLayout.REGION)
 *             .size(256).encoding(RegionEncoding.UTF_16LE).build())) {
 *     hello.write("Hello".getBytes(StandardCharsets.UTF_16LE));   // NUL-terminated
 * }
 * </pre>
 * One thread reads ({@link #readIfChanged()} keeps what it saw last); any number write.
 *
 * @since 0.1.0
 */
public interface SharedMemoryRegion extends AutoCloseable {

	/**
	 * Create or open a region of the layout the options name.
	 * @param memory the platform's shared memory
	 * @param options the settings; layout {@link SharedMemoryLayout#REGION} or
	 * {@link SharedMemoryLayout#SEQLOCK}
	 * @return the region
	 * @throws SharedMemoryLayoutException if an existing seqlock segment has no valid
	 * header for the configured size
	 * @throws IOException naming the segment and the OS error if it cannot be mapped
	 */
	static SharedMemoryRegion open(SharedMemory memory, SharedMemoryOptions options) throws IOException {
		return switch (options.layout()) {
			case REGION -> new PlainRegion(memory.open(options.regionOptions()), options);
			case SEQLOCK -> SeqlockRegion.open(memory.open(options.regionOptions()), options);
			case RING -> throw new IllegalArgumentException("A ring is a SharedMemoryRing, not a region");
		};
	}

	/** @return the segment's OS name, e.g. {@code Local\HelloWorld} or {@code /HelloWorld} */
	String name();

	/** @return whether this process created the segment */
	boolean created();

	/**
	 * Return the content if it changed since this method last returned one.
	 * @return the content, without its terminator; {@code null} if it did not change, or
	 * if it is still empty the first time
	 * @throws SharedMemoryLayoutException if a seqlock header is corrupted
	 * @throws IpcException if the region is closed
	 */
	byte @Nullable [] readIfChanged() throws IpcException;

	/**
	 * Replace the content.
	 * @param content the bytes; the encoding's terminator is added
	 * @throws IpcException naming the region if the content does not fit, a seqlock
	 * stayed locked by another writer for the send timeout, or the region is closed
	 * @throws IOException if interrupted while waiting for another writer
	 */
	void write(byte[] content) throws IOException;

	/**
	 * Return whether the segment's name still leads to this region.
	 * @return see {@link dev.winipc.transport.SharedRegion#isStillNamed()}
	 */
	boolean isStillNamed();

	/** Unmap the region once no read or write is in progress. */
	@Override
	void close();

}
