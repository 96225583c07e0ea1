package dev.winipc.shm;

/**
 * How the bytes of a shared-memory segment are laid out; {@code docs/wire-format.md}
 * gives each byte for byte.
 *
 * @since 0.1.0
 */
public enum SharedMemoryLayout {

	/**
	 * A message queue: a 128-byte winipc header, then an Agrona many-to-one ring buffer.
	 * Any number of writers, one reader; every record is delivered once, in order per
	 * writer.
	 */
	RING,

	/**
	 * A plain block with no header, offset 0 is the content: what legacy peers write
	 * into {@code Local\HelloWorld}. Readers poll and see the latest content, possibly
	 * torn while a peer writes.
	 */
	REGION,

	/**
	 * A region with a 64-byte header holding a sequence counter, for peers that
	 * cooperate: readers never see a torn write.
	 */
	SEQLOCK

}
