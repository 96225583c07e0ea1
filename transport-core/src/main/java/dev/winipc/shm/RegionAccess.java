package dev.winipc.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.winipc.transport.SharedRegion;

/**
 * Bounds-checked access to a mapped region: plain and atomic reads and writes of
 * little-endian ints and longs, and bulk copies. Every index is checked against the
 * mapped size, and every atomic one for its alignment, before the memory is touched, so
 * an index computed from corrupted shared memory gives a
 * {@link SharedMemoryLayoutException} naming the region instead of a fault.
 * <p>
 * Atomics are {@link MethodHandles#byteBufferViewVarHandle} views of the mapped direct
 * buffer: {@code getVolatile}, {@code setRelease}, {@code compareAndSet} on aligned
 * offsets are the same machine instructions Agrona and C11 atomics use, and need no JVM
 * flag.
 */
final class RegionAccess {

	private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private final ByteBuffer buffer;

	private final int size;

	private final String name;

	RegionAccess(SharedRegion region) {
		this.buffer = region.buffer();
		this.size = region.size();
		this.name = region.osName();
	}

	/** @return the region's OS name, for messages */
	String name() {
		return this.name;
	}

	/** @return the mapped size */
	int size() {
		return this.size;
	}

	int getInt(int index) throws SharedMemoryLayoutException {
		check(index, Integer.BYTES, false);
		return this.buffer.getInt(index);
	}

	void putInt(int index, int value) throws SharedMemoryLayoutException {
		check(index, Integer.BYTES, false);
		this.buffer.putInt(index, value);
	}

	long getLong(int index) throws SharedMemoryLayoutException {
		check(index, Long.BYTES, false);
		return this.buffer.getLong(index);
	}

	void putLong(int index, long value) throws SharedMemoryLayoutException {
		check(index, Long.BYTES, false);
		this.buffer.putLong(index, value);
	}

	int getIntVolatile(int index) throws SharedMemoryLayoutException {
		check(index, Integer.BYTES, true);
		return (int) INTS.getVolatile(this.buffer, index);
	}

	void putIntRelease(int index, int value) throws SharedMemoryLayoutException {
		check(index, Integer.BYTES, true);
		INTS.setRelease(this.buffer, index, value);
	}

	long getLongVolatile(int index) throws SharedMemoryLayoutException {
		check(index, Long.BYTES, true);
		return (long) LONGS.getVolatile(this.buffer, index);
	}

	void putLongRelease(int index, long value) throws SharedMemoryLayoutException {
		check(index, Long.BYTES, true);
		LONGS.setRelease(this.buffer, index, value);
	}

	boolean compareAndSetLong(int index, long expected, long value) throws SharedMemoryLayoutException {
		check(index, Long.BYTES, true);
		return LONGS.compareAndSet(this.buffer, index, expected, value);
	}

	long getAndAddLong(int index, long delta) throws SharedMemoryLayoutException {
		check(index, Long.BYTES, true);
		return (long) LONGS.getAndAdd(this.buffer, index, delta);
	}

	void getBytes(int index, byte[] target, int offset, int length) throws SharedMemoryLayoutException {
		check(index, length, false);
		this.buffer.get(index, target, offset, length);
	}

	void putBytes(int index, byte[] source, int offset, int length) throws SharedMemoryLayoutException {
		check(index, length, false);
		this.buffer.put(index, source, offset, length);
	}

	/** Zero {@code length} bytes from {@code index}. */
	void setZero(int index, int length) throws SharedMemoryLayoutException {
		check(index, length, false);
		int end = index + length;
		int i = index;
		for (; i + Long.BYTES <= end; i += Long.BYTES) {
			this.buffer.putLong(i, 0L);
		}
		for (; i < end; i++) {
			this.buffer.put(i, (byte) 0);
		}
	}

	private void check(int index, int length, boolean atomic) throws SharedMemoryLayoutException {
		if (index < 0 || length < 0 || index > this.size - length) {
			throw new SharedMemoryLayoutException("access", this.name, length + " bytes at offset " + index
					+ " lie outside the " + this.size + " bytes mapped; the segment's content is corrupted");
		}
		if (atomic && (index & (length - 1)) != 0) {
			throw new SharedMemoryLayoutException("access", this.name, "offset " + index + " is not aligned to "
					+ length + " bytes for an atomic access; the segment's content is corrupted");
		}
	}

}
