package dev.winipc.integration.shm;

import java.io.IOException;
import java.time.Duration;

import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.transport.ExponentialBackOff;

/**
 * Notices a ring record whose writer died half way, between claiming and finishing it:
 * unread bytes, and no record completed for the unblock timeout. The reader then skips
 * it, as Agrona's {@code unblock()} does. Used by the reading thread only.
 *
 * @since 0.1.0
 */
final class StalledRecordWatch {

	/** How often an idle reader looks for a record a writer abandoned. */
	private static final long CHECK_NANOS = 100_000_000L;

	private final long timeoutNanos;

	private long nextCheck = System.nanoTime() + CHECK_NANOS;

	private long stalledSince;

	StalledRecordWatch(Duration timeout) {
		this.timeoutNanos = ExponentialBackOff.saturatedNanos(timeout);
	}

	/** Note that a record was read. */
	void progressed() {
		this.stalledSince = 0;
	}

	/**
	 * Look, while the reader is idle, and skip an abandoned record.
	 * @param ring the ring being read
	 * @return whether a record was skipped
	 * @throws IOException if the ring is closed
	 */
	boolean skipAbandoned(SharedMemoryRing ring) throws IOException {
		long now = System.nanoTime();
		if (now - this.nextCheck < 0) {
			return false;
		}
		this.nextCheck = now + CHECK_NANOS;
		if (ring.pending() == 0) {
			this.stalledSince = 0;
		}
		else if (this.stalledSince == 0) {
			this.stalledSince = now;
		}
		else if (now - this.stalledSince > this.timeoutNanos && ring.unblock()) {
			this.stalledSince = 0;
			return true;
		}
		return false;
	}

}
