package dev.winipc.shm;

import java.nio.charset.StandardCharsets;

/**
 * The byte layout of a {@link SharedMemoryLayout#RING} segment, as native peers write it.
 * All fields are little-endian.
 * <pre>
 *   0                   8       12      16              24              32      36
 *   +-------------------+-------+-------+---------------+---------------+-------+------------+
 *   | magic "WINIPCRB"  |version|layout |   capacity    |  creator pid  |max pay| reserved 0 |
 *   +-------------------+-------+-------+---------------+---------------+-------+------------+
 *   128: records, capacity bytes (Agrona's ManyToOneRingBuffer buffer starts here)
 *   128 + capacity: trailer, 768 bytes
 *        +128 tail position   +256 head cache   +384 head position
 *        +512 correlation counter   +640 consumer heartbeat
 * </pre>
 * A record is an int32 length (record header plus payload, not aligned; negative while
 * it is being written), an int32 type (winipc writes {@link #MESSAGE_TYPE}; padding is
 * {@link #PADDING_TYPE}), then the payload; each record starts at a multiple of
 * {@link #ALIGNMENT}. The creator writes the magic last.
 *
 * @since 0.1.0
 */
public final class RingDescriptor {

	/** Bytes of the winipc header before the records. */
	public static final int HEADER_LENGTH = 128;

	/** The magic, the ASCII bytes {@code WINIPCRB}, as a little-endian long. */
	public static final long MAGIC = magic("WINIPCRB");

	/** The header's version. */
	public static final int VERSION = 1;

	/** The header's layout number for a ring. */
	public static final int LAYOUT_RING = 1;

	/** Offset of the magic. */
	public static final int MAGIC_OFFSET = 0;

	/** Offset of the int32 version. */
	public static final int VERSION_OFFSET = 8;

	/** Offset of the int32 layout. */
	public static final int LAYOUT_OFFSET = 12;

	/** Offset of the int64 capacity: bytes of record space, a power of two. */
	public static final int CAPACITY_OFFSET = 16;

	/** Offset of the int64 process id of the creator. */
	public static final int CREATOR_PID_OFFSET = 24;

	/** Offset of the int32 maximum record payload, capacity / 8. */
	public static final int MAX_PAYLOAD_OFFSET = 32;

	/** Bytes of the trailer after the records, Agrona's {@code TRAILER_LENGTH}. */
	public static final int TRAILER_LENGTH = 768;

	/** Offset in the trailer of the int64 tail position, which writers advance. */
	public static final int TAIL_POSITION_OFFSET = 128;

	/** Offset in the trailer of the int64 head position writers last saw. */
	public static final int HEAD_CACHE_POSITION_OFFSET = 256;

	/** Offset in the trailer of the int64 head position, which the reader advances. */
	public static final int HEAD_POSITION_OFFSET = 384;

	/** Offset in the trailer of the int64 correlation counter. */
	public static final int CORRELATION_COUNTER_OFFSET = 512;

	/** Offset in the trailer of the int64 consumer heartbeat, epoch milliseconds. */
	public static final int CONSUMER_HEARTBEAT_OFFSET = 640;

	/** Bytes of a record's header: its length and its type. */
	public static final int RECORD_HEADER_LENGTH = 8;

	/** Every record starts at a multiple of this. */
	public static final int ALIGNMENT = 8;

	/** The type of the record winipc writes. */
	public static final int MESSAGE_TYPE = 1;

	/** The type of a record that fills the end of the buffer before a wrap. */
	public static final int PADDING_TYPE = -1;

	/** The smallest capacity winipc accepts. */
	public static final int MIN_CAPACITY = 1024;

	/** The largest capacity winipc accepts. */
	public static final int MAX_CAPACITY = 1 << 30;

	private RingDescriptor() {
	}

	/**
	 * Return the size of a ring's segment.
	 * @param capacity its bytes of record space
	 * @return header, records and trailer
	 */
	public static int segmentSize(int capacity) {
		return HEADER_LENGTH + capacity + TRAILER_LENGTH;
	}

	/**
	 * Return the largest payload of one record.
	 * @param capacity the ring's bytes of record space
	 * @return capacity / 8, as Agrona's {@code maxMsgLength}
	 */
	public static int maxPayload(int capacity) {
		return capacity >> 3;
	}

	/**
	 * Round a length up to the record alignment.
	 * @param length a record's length
	 * @return the bytes it takes in the ring
	 */
	static int align(int length) {
		return (length + ALIGNMENT - 1) & -ALIGNMENT;
	}

	static long magic(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (bytes[i] & 0xFF);
		}
		return value;
	}

}
