package dev.winipc.shm;

import java.io.InterruptedIOException;
import java.time.Duration;

import dev.winipc.transport.BackOffPolicy;

/**
 * The header the ring and the seqlock region share: magic, version, layout, capacity and
 * creator pid at the same offsets. The creator writes every field, then the magic with
 * release; an opener waits briefly for a creator still writing, then checks every field
 * against what it was configured with, and never writes a header it did not create.
 *
 * @param magic the layout's magic
 * @param layout the layout's number
 * @param what the layout's name, for messages
 */
record SegmentHeader(long magic, int layout, String what) {

	/** How long an opener waits for the creator to write the magic. */
	private static final Duration INITIALISATION_WAIT = Duration.ofSeconds(2);

	static final SegmentHeader RING = new SegmentHeader(RingDescriptor.MAGIC, RingDescriptor.LAYOUT_RING, "ring");

	static final SegmentHeader SEQLOCK = new SegmentHeader(SeqlockDescriptor.MAGIC, SeqlockDescriptor.LAYOUT_SEQLOCK,
			"seqlock region");

	/**
	 * Write the header of a segment this process created; the magic goes last.
	 * @param access the segment
	 * @param capacity the capacity field
	 */
	void initialise(RegionAccess access, int capacity) throws SharedMemoryLayoutException {
		access.putInt(RingDescriptor.VERSION_OFFSET, RingDescriptor.VERSION);
		access.putInt(RingDescriptor.LAYOUT_OFFSET, this.layout);
		access.putLong(RingDescriptor.CAPACITY_OFFSET, capacity);
		access.putLong(RingDescriptor.CREATOR_PID_OFFSET, ProcessHandle.current().pid());
		if (this.layout == RingDescriptor.LAYOUT_RING) {
			access.putInt(RingDescriptor.MAX_PAYLOAD_OFFSET, RingDescriptor.maxPayload(capacity));
		}
		access.putLongRelease(RingDescriptor.MAGIC_OFFSET, this.magic);
	}

	/**
	 * Check the header of a segment this process opened.
	 * @param access the segment
	 * @param capacity the capacity configured
	 * @throws SharedMemoryLayoutException naming the segment and the field that does not
	 * match
	 * @throws InterruptedIOException if interrupted while waiting for the creator
	 */
	void validate(RegionAccess access, int capacity) throws SharedMemoryLayoutException, InterruptedIOException {
		long found = access.getLongVolatile(RingDescriptor.MAGIC_OFFSET);
		BackOffPolicy.Sequence pauses = BackOffPolicy.DEFAULT.start();
		long deadline = System.nanoTime() + INITIALISATION_WAIT.toNanos();
		while (found == 0 && pauses.pause(deadline)) {
			found = access.getLongVolatile(RingDescriptor.MAGIC_OFFSET);
		}
		if (found == 0) {
			throw invalid(access, "its header is not initialised (the magic is zero after " + INITIALISATION_WAIT.toSeconds()
					+ " s): it is not a winipc " + this.what + ", or its creator stopped half way; it is not overwritten");
		}
		if (found != this.magic) {
			throw invalid(access, "its magic is 0x" + Long.toHexString(found) + ", not the winipc " + this.what
					+ "'s 0x" + Long.toHexString(this.magic) + "; it is not overwritten");
		}
		int version = access.getInt(RingDescriptor.VERSION_OFFSET);
		if (version != RingDescriptor.VERSION) {
			throw invalid(access, "its header has version " + version + "; this winipc reads version "
					+ RingDescriptor.VERSION);
		}
		int layout = access.getInt(RingDescriptor.LAYOUT_OFFSET);
		if (layout != this.layout) {
			throw invalid(access, "its header says layout " + layout + ", not " + this.layout + " (" + this.what + ")");
		}
		long header = access.getLong(RingDescriptor.CAPACITY_OFFSET);
		if (header != capacity) {
			throw invalid(access, "it holds a capacity of " + header + " bytes, not the " + capacity
					+ " configured; every endpoint of a segment must be configured with its capacity");
		}
		if (this.layout == RingDescriptor.LAYOUT_RING) {
			int maxPayload = access.getInt(RingDescriptor.MAX_PAYLOAD_OFFSET);
			if (maxPayload != RingDescriptor.maxPayload(capacity)) {
				throw invalid(access, "its maximum record payload is " + maxPayload + ", not capacity / 8 = "
						+ RingDescriptor.maxPayload(capacity));
			}
		}
	}

	/**
	 * Read the capacity a segment's header claims, if it is a header of this layout.
	 * @param access the segment, at least the header mapped
	 * @return the capacity, or {@code -1} if the header is not one of this layout
	 */
	long capacityIfValid(RegionAccess access) throws SharedMemoryLayoutException {
		if (access.getLongVolatile(RingDescriptor.MAGIC_OFFSET) != this.magic
				|| access.getInt(RingDescriptor.LAYOUT_OFFSET) != this.layout) {
			return -1;
		}
		return access.getLong(RingDescriptor.CAPACITY_OFFSET);
	}

	private SharedMemoryLayoutException invalid(RegionAccess access, String detail) {
		return new SharedMemoryLayoutException("open", access.name(), "the segment is not a valid " + this.what + ": "
				+ detail);
	}

}
