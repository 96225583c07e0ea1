package dev.winipc.shm;

/**
 * The byte layout of a {@link SharedMemoryLayout#SEQLOCK} segment. All fields are
 * little-endian.
 * <pre>
 *   0                   8       12      16              24              32              40      44
 *   +-------------------+-------+-------+---------------+---------------+---------------+-------+-----------+
 *   | magic "WINIPCSL"  |version|layout |   capacity    |  creator pid  |   sequence    |length |reserved 0 |
 *   +-------------------+-------+-------+---------------+---------------+---------------+-------+-----------+
 *   64: content, capacity bytes
 * </pre>
 * The sequence is even while the content is stable and odd while a writer writes. A
 * writer moves it from even {@code s} to {@code s + 1} by compare-and-set (so writers
 * exclude each other), writes the length and the content, then stores {@code s + 2}
 * with release. A reader reads the sequence (acquire), retries while it is odd, copies
 * the length and content, issues an acquire fence, and keeps the copy only if the
 * sequence is still the one it read first. The creator writes the magic last.
 *
 * @since 0.1.0
 */
public final class SeqlockDescriptor {

	/** Bytes of the header before the content. */
	public static final int HEADER_LENGTH = 64;

	/** The magic, the ASCII bytes {@code WINIPCSL}, as a little-endian long. */
	public static final long MAGIC = RingDescriptor.magic("WINIPCSL");

	/** The header's version. */
	public static final int VERSION = 1;

	/** The header's layout number for a seqlock region ({@code 2} is the header-less region). */
	public static final int LAYOUT_SEQLOCK = 3;

	/** Offset of the magic. */
	public static final int MAGIC_OFFSET = 0;

	/** Offset of the int32 version. */
	public static final int VERSION_OFFSET = 8;

	/** Offset of the int32 layout. */
	public static final int LAYOUT_OFFSET = 12;

	/** Offset of the int64 capacity: bytes of content space. */
	public static final int CAPACITY_OFFSET = 16;

	/** Offset of the int64 process id of the creator. */
	public static final int CREATOR_PID_OFFSET = 24;

	/** Offset of the int64 sequence. */
	public static final int SEQUENCE_OFFSET = 32;

	/** Offset of the int32 length of the current content. */
	public static final int LENGTH_OFFSET = 40;

	private SeqlockDescriptor() {
	}

}
