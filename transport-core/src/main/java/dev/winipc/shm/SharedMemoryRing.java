package dev.winipc.shm;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * A many-to-one message ring in a named shared-memory segment: any number of writers in
 * any processes, one reader. After the 128-byte header of {@link RingDescriptor} the
 * segment is byte for byte an Agrona {@code ManyToOneRingBuffer} (and an Aeron C
 * {@code aeron_mpsc_rb}), so those are peers as they are; this implementation needs no
 * JVM flag.
 * <pre class="code">
 * try (SharedMemoryRing ring = SharedMemoryRing.open(IpcPlatform.current().sharedMemory(),
 *         SharedMemoryOptions.builder("ticks").capacity(1 &lt;&lt; 20).build())) {
 *     ring.write(bytes, 0, bytes.length);               // waits while the ring is full
 *     ring.read((buffer, offset, length) -&gt; ..., 64);   // in the one reader
 * }
 * </pre>
 * A writer claims space by compare-and-set on the tail, writes the negated length with
 * release, the payload and the type, then the length with release; a padding record
 * fills the end of the buffer before a wrap. The reader hands each record to its handler,
 * then zeroes it and moves the head with release: a record is consumed only once its
 * handler returned (or threw). Every length and position read from the segment is
 * checked first: a corrupted ring gives a {@link SharedMemoryLayoutException}, and the
 * offending record is left where it is.
 *
 * @since 0.1.0
 */
public final class SharedMemoryRing extends SegmentSupport {

	private final ByteBuffer view;

	private final int capacity;

	private final int mask;

	private final int maxPayload;

	private final int tailPosition;

	private final int headPosition;

	private final int consumerHeartbeat;

	private final RingSpace space;

	private SharedMemoryRing(SharedRegion region, SharedMemoryOptions options) {
		super(region, options);
		this.view = region.buffer().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
		this.capacity = options.capacity();
		this.mask = this.capacity - 1;
		this.maxPayload = RingDescriptor.maxPayload(this.capacity);
		int trailer = RingDescriptor.HEADER_LENGTH + this.capacity;
		this.tailPosition = trailer + RingDescriptor.TAIL_POSITION_OFFSET;
		this.headPosition = trailer + RingDescriptor.HEAD_POSITION_OFFSET;
		this.consumerHeartbeat = trailer + RingDescriptor.CONSUMER_HEARTBEAT_OFFSET;
		this.space = new RingSpace(this.access, this.capacity);
	}

	/**
	 * Create or open a ring: a segment this call creates gets its header; an existing
	 * one must hold a valid header for the configured capacity, and is never overwritten.
	 * @param memory the platform's shared memory
	 * @param options the ring's settings; the layout must be {@link SharedMemoryLayout#RING}
	 * @return the ring
	 * @throws SharedMemoryLayoutException if the segment exists but is not such a ring
	 * @throws IOException naming the segment and the OS error if it cannot be mapped
	 */
	public static SharedMemoryRing open(SharedMemory memory, SharedMemoryOptions options) throws IOException {
		if (options.layout() != SharedMemoryLayout.RING) {
			throw new IllegalArgumentException("A ring needs layout ring, not " + options.layout());
		}
		SharedRegion region;
		try {
			region = memory.open(options.regionOptions());
		}
		catch (IpcException ex) {
			throw explain(memory, options, ex);
		}
		SharedMemoryRing ring = new SharedMemoryRing(region, options);
		ring.initialiseOrValidate(SegmentHeader.RING, ring.capacity);
		return ring;
	}

	/**
	 * Explain a segment that could not be mapped at the configured size by the capacity
	 * its header claims, when it is a ring of another capacity.
	 */
	private static IpcException explain(SharedMemory memory, SharedMemoryOptions options, IpcException failure) {
		SharedRegionOptions probe = SharedRegionOptions.builder(options.name().windowsName())
			.size(RingDescriptor.HEADER_LENGTH)
			.create(false)
			.access(options.regionOptions().access())
			.build();
		try (SharedRegion header = memory.open(probe)) {
			long found = SegmentHeader.RING.capacityIfValid(new RegionAccess(header));
			if (found >= 0 && found != options.capacity()) {
				return new SharedMemoryLayoutException("open", failure.getEndpoint(), "the ring holds a capacity of "
						+ found + " bytes, not the " + options.capacity()
						+ " configured; every endpoint of a ring must be configured with its capacity", failure);
			}
		}
		catch (IOException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

	/** @return the ring's settings */
	public SharedMemoryOptions options() {
		return this.options;
	}

	/** @return the bytes of record space */
	public int capacity() {
		return this.capacity;
	}

	/** @return the largest payload of one record, capacity / 8 */
	public int maxPayload() {
		return this.maxPayload;
	}

	/**
	 * Write one record, waiting with the idle strategy while the ring is full, up to the
	 * send timeout.
	 * @param payload the bytes
	 * @param offset where the record starts in them
	 * @param length the record's length, at most {@link #maxPayload()}
	 * @throws IpcException naming the ring if it stayed full for the send timeout, the
	 * record is too large, or the ring is corrupted; the record was not written
	 * @throws IOException if interrupted while waiting
	 */
	public void write(byte[] payload, int offset, int length) throws IOException {
		if (tryWrite(payload, offset, length)) {
			return;
		}
		IdleStrategy idle = this.options.idleStrategy().create(this.options.pollInterval());
		long deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(this.options.sendTimeout());
		while (!tryWrite(payload, offset, length)) {
			if (System.nanoTime() - deadline >= 0) {
				throw new IpcException("write", name(), "the ring stayed full for " + this.options.sendTimeout()
						+ ": its reader is not keeping up, or not running; the record of " + length
						+ " bytes was not written");
			}
			idle.idle();
		}
	}

	/**
	 * Write one record if there is room for it now.
	 * @param payload the bytes
	 * @param offset where the record starts in them
	 * @param length the record's length, at most {@link #maxPayload()}
	 * @return {@code true} if written, {@code false} if the ring is full
	 * @throws IpcException naming the ring if the record is too large, the ring is
	 * corrupted or closed
	 */
	public boolean tryWrite(byte[] payload, int offset, int length) throws IpcException {
		Objects.checkFromIndexSize(offset, length, payload.length);
		if (length > this.maxPayload) {
			throw new IpcException("write", name(), "a record of " + length + " bytes is larger than the ring's "
					+ "largest, " + this.maxPayload + " bytes (capacity / 8); it was not written");
		}
		this.gate.enter("write");
		try {
			int recordLength = length + RingDescriptor.RECORD_HEADER_LENGTH;
			int index = this.space.claim(RingDescriptor.align(recordLength));
			if (index == RingSpace.INSUFFICIENT_CAPACITY) {
				return false;
			}
			int record = RingDescriptor.HEADER_LENGTH + index;
			this.access.putIntRelease(record, -recordLength);
			VarHandle.releaseFence();
			this.access.putBytes(record + RingDescriptor.RECORD_HEADER_LENGTH, payload, offset, length);
			this.access.putInt(record + Integer.BYTES, RingDescriptor.MESSAGE_TYPE);
			this.access.putIntRelease(record, recordLength);
			return true;
		}
		finally {
			this.gate.exit();
		}
	}

	/**
	 * Read records, at most up to the end of the buffer and at most {@code limit} of
	 * them. Each is consumed (zeroed, the head moved past it) once its handler returned
	 * or threw; an exception of the handler ends the call after that.
	 * @param handler receives each record: the ring's read-only buffer, the payload's
	 * absolute offset in it and its length, valid only during the call
	 * @param limit the most records to read
	 * @return how many records were handed to the handler
	 * @throws SharedMemoryLayoutException naming the ring and the offset if a record is
	 * corrupted; it stays unconsumed
	 * @throws IpcException if the ring is closed
	 */
	public int read(RecordHandler handler, int limit) throws IpcException {
		this.gate.enter("read");
		try {
			long head = this.access.getLong(this.headPosition);
			int headIndex = (int) head & this.mask;
			int maxBlock = this.capacity - headIndex;
			int bytesRead = 0;
			int messages = 0;
			this.access.putLongRelease(this.consumerHeartbeat, System.currentTimeMillis());
			while (bytesRead < maxBlock && messages < limit) {
				int recordIndex = headIndex + bytesRead;
				int record = RingDescriptor.HEADER_LENGTH + recordIndex;
				int length = this.access.getIntVolatile(record);
				if (length <= 0) {
					break;
				}
				int type = checkRecord(recordIndex, length, maxBlock - bytesRead);
				int aligned = RingDescriptor.align(length);
				try {
					if (type != RingDescriptor.PADDING_TYPE) {
						messages++;
						handler.onRecord(this.view, record + RingDescriptor.RECORD_HEADER_LENGTH,
								length - RingDescriptor.RECORD_HEADER_LENGTH);
					}
				}
				finally {
					this.access.setZero(record, aligned);
					bytesRead += aligned;
					this.access.putLongRelease(this.headPosition, head + bytesRead);
				}
			}
			return messages;
		}
		finally {
			this.gate.exit();
		}
	}

	/** Check a record's length and type before anything uses them; return the type. */
	private int checkRecord(int recordIndex, int length, int remaining) throws SharedMemoryLayoutException {
		if (length < RingDescriptor.RECORD_HEADER_LENGTH || length > remaining) {
			throw new SharedMemoryLayoutException("read", name(), "the record length " + length + " at ring offset "
					+ recordIndex + " points outside the ring (" + remaining + " bytes to its end, "
					+ RingDescriptor.RECORD_HEADER_LENGTH + " at least); the ring is corrupted");
		}
		int type = this.access.getInt(RingDescriptor.HEADER_LENGTH + recordIndex + Integer.BYTES);
		if (type == RingDescriptor.PADDING_TYPE) {
			return type;
		}
		if (type < 1) {
			throw new SharedMemoryLayoutException("read", name(), "the record type " + type + " at ring offset "
					+ recordIndex + " is neither padding (-1) nor a message type (1 or more); the ring is corrupted");
		}
		if (length - RingDescriptor.RECORD_HEADER_LENGTH > this.maxPayload) {
			throw new SharedMemoryLayoutException("read", name(), "the record at ring offset " + recordIndex + " has "
					+ (length - RingDescriptor.RECORD_HEADER_LENGTH) + " bytes, more than the largest payload, "
					+ this.maxPayload + "; the ring is corrupted");
		}
		return type;
	}

	/**
	 * Skip a record a writer claimed but never finished, as Agrona's {@code unblock}
	 * does: a writer that died between its claim and its commit leaves a negative (or a
	 * zero) length at the head, and the reader waits there for ever. Call this only when
	 * the ring made no progress for far longer than any live writer takes to finish a
	 * record: the claimed space becomes padding, and reading goes on after it.
	 * @return {@code true} if a record was skipped
	 * @throws IpcException if the ring is closed or corrupted
	 */
	public boolean unblock() throws IpcException {
		this.gate.enter("unblock");
		try {
			return this.space.unblock();
		}
		finally {
			this.gate.exit();
		}
	}

	/**
	 * Return the bytes written and not yet consumed.
	 * @return tail minus head, 0 to the capacity
	 * @throws IpcException if the ring is closed
	 */
	public long pending() throws IpcException {
		this.gate.enter("size");
		try {
			long used = this.access.getLongVolatile(this.tailPosition) - this.access.getLongVolatile(this.headPosition);
			return Math.max(0, Math.min(used, this.capacity));
		}
		finally {
			this.gate.exit();
		}
	}

	@Override
	public String toString() {
		return "SharedMemoryRing[" + name() + ", capacity " + this.capacity + "]";
	}

	/**
	 * Receives the records a {@link SharedMemoryRing} reads.
	 */
	@FunctionalInterface
	public interface RecordHandler {

		/**
		 * Handle one record; the bytes are valid during the call only.
		 * @param buffer the ring's buffer, read-only, little-endian
		 * @param offset the payload's absolute offset in it
		 * @param length the payload's length
		 */
		void onRecord(ByteBuffer buffer, int offset, int length);

	}

}
