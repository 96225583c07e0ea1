package dev.winipc.shm;

import java.lang.invoke.VarHandle;

/**
 * The record space of a ring, as writers see it: claiming space at the tail by
 * compare-and-set, with a padding record before a wrap, and recovering the space a
 * writer claimed but never finished. Positions read from the segment are checked before
 * they are used.
 */
final class RingSpace {

	/** What {@link #claim} returns when the ring has no room for the record. */
	static final int INSUFFICIENT_CAPACITY = -2;

	private final RegionAccess access;

	private final int capacity;

	private final int mask;

	private final int tailPosition;

	private final int headCachePosition;

	private final int headPosition;

	RingSpace(RegionAccess access, int capacity) {
		this.access = access;
		this.capacity = capacity;
		this.mask = capacity - 1;
		int trailer = RingDescriptor.HEADER_LENGTH + capacity;
		this.tailPosition = trailer + RingDescriptor.TAIL_POSITION_OFFSET;
		this.headCachePosition = trailer + RingDescriptor.HEAD_CACHE_POSITION_OFFSET;
		this.headPosition = trailer + RingDescriptor.HEAD_POSITION_OFFSET;
	}

	/**
	 * Claim {@code required} bytes at the tail; return their index in the record space,
	 * or {@link #INSUFFICIENT_CAPACITY}.
	 */
	int claim(int required) throws SharedMemoryLayoutException {
		long head = this.access.getLongVolatile(this.headCachePosition);
		long tail;
		long newTail;
		int tailIndex;
		int padding;
		int writeIndex;
		do {
			tail = this.access.getLongVolatile(this.tailPosition);
			long used = tail - head;
			if (used < 0 || used > this.capacity || required > this.capacity - used) {
				head = freshHead(tail);
				if (required > this.capacity - (tail - head)) {
					return INSUFFICIENT_CAPACITY;
				}
				this.access.putLongRelease(this.headCachePosition, head);
			}
			newTail = tail + required;
			padding = 0;
			tailIndex = (int) tail & this.mask;
			writeIndex = tailIndex;
			int toBufferEnd = this.capacity - tailIndex;
			if (required > toBufferEnd) {
				int headIndex = (int) head & this.mask;
				writeIndex = 0;
				if (required > headIndex) {
					head = freshHead(tail);
					headIndex = (int) head & this.mask;
					if (required > headIndex) {
						// Only pad to the end of the buffer: the record itself does not fit yet.
						writeIndex = INSUFFICIENT_CAPACITY;
						newTail = tail;
					}
					this.access.putLongRelease(this.headCachePosition, head);
				}
				padding = toBufferEnd;
				newTail += padding;
			}
		}
		while (!this.access.compareAndSetLong(this.tailPosition, tail, newTail));
		if (padding != 0) {
			int record = RingDescriptor.HEADER_LENGTH + tailIndex;
			this.access.putIntRelease(record, -padding);
			VarHandle.releaseFence();
			this.access.putInt(record + Integer.BYTES, RingDescriptor.PADDING_TYPE);
			this.access.putIntRelease(record, padding);
		}
		return writeIndex;
	}

	/**
	 * Read the head position, read after the tail: then {@code tail - head} is at most
	 * the capacity, and below zero only when other writers and the reader moved past
	 * {@code tail} meanwhile.
	 */
	private long freshHead(long tail) throws SharedMemoryLayoutException {
		long head = this.access.getLongVolatile(this.headPosition);
		long used = tail - head;
		if (used > this.capacity || (used < 0 && this.access.getLongVolatile(this.tailPosition) == tail)) {
			throw new SharedMemoryLayoutException("write", this.access.name(), "the tail position " + tail
					+ " and the head position " + head + " are " + used + " bytes apart, outside 0 to the capacity "
					+ this.capacity + "; the ring is corrupted");
		}
		return head;
	}

	/** See {@link SharedMemoryRing#unblock()}. */
	boolean unblock() throws SharedMemoryLayoutException {
		long head = this.access.getLongVolatile(this.headPosition);
		long tail = this.access.getLongVolatile(this.tailPosition);
		if (head == tail) {
			return false;
		}
		int consumerIndex = (int) head & this.mask;
		int producerIndex = (int) tail & this.mask;
		int record = RingDescriptor.HEADER_LENGTH + consumerIndex;
		int length = this.access.getIntVolatile(record);
		if (length < 0) {
			this.access.putInt(record + Integer.BYTES, RingDescriptor.PADDING_TYPE);
			this.access.putIntRelease(record, -length);
			return true;
		}
		if (length == 0) {
			// The writer died before its first store: pad up to the next record written.
			int limit = (producerIndex > consumerIndex) ? producerIndex : this.capacity;
			for (int i = consumerIndex + RingDescriptor.ALIGNMENT; i < limit; i += RingDescriptor.ALIGNMENT) {
				if (this.access.getIntVolatile(RingDescriptor.HEADER_LENGTH + i) != 0) {
					if (zeroedBetween(consumerIndex, i)) {
						this.access.putInt(record + Integer.BYTES, RingDescriptor.PADDING_TYPE);
						this.access.putIntRelease(record, i - consumerIndex);
						return true;
					}
					return false;
				}
			}
		}
		return false;
	}

	private boolean zeroedBetween(int from, int to) throws SharedMemoryLayoutException {
		for (int i = to - RingDescriptor.ALIGNMENT; i >= from; i -= RingDescriptor.ALIGNMENT) {
			if (this.access.getIntVolatile(RingDescriptor.HEADER_LENGTH + i) != 0) {
				return false;
			}
		}
		return true;
	}

}
