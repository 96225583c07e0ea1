package dev.winipc.autoconfigure;

/**
 * Which way messages flow through a shared-memory endpoint declared under
 * {@code winipc.shared-memory.<id>.direction}.
 *
 * @since 0.1.0
 */
public enum SharedMemoryDirection {

	/** A ring's records, or a region's changes, are sent to the channel. */
	INBOUND,

	/** Messages sent to the channel are written as ring records, or as the region's content. */
	OUTBOUND

}
