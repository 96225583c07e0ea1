package dev.winipc.shm;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedRegion;

/**
 * {@link SharedMemoryLayout#SEQLOCK}: the header of {@link SeqlockDescriptor}, then the
 * content. Writers exclude each other through the sequence counter; a reader keeps a
 * copy only when the sequence did not move while it copied, so it never sees a torn
 * write.
 */
final class SeqlockRegion extends SegmentSupport implements SharedMemoryRegion {

	/** How often a reader retries a copy that a write overlapped, before the next poll. */
	private static final int READ_ATTEMPTS = 16;

	private final int capacity;

	private final byte[] scratch;

	private long lastSequence;

	private SeqlockRegion(SharedRegion region, SharedMemoryOptions options) {
		super(region, options);
		this.capacity = options.size();
		this.scratch = new byte[this.capacity];
	}

	static SeqlockRegion open(SharedRegion region, SharedMemoryOptions options) throws IOException {
		SeqlockRegion seqlock = new SeqlockRegion(region, options);
		seqlock.initialiseOrValidate(SegmentHeader.SEQLOCK, seqlock.capacity);
		return seqlock;
	}

	@Override
	public byte @Nullable [] readIfChanged() throws IpcException {
		this.gate.enter("read");
		try {
			for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
				long before = this.access.getLongVolatile(SeqlockDescriptor.SEQUENCE_OFFSET);
				if (before == this.lastSequence) {
					return null;
				}
				if ((before & 1) != 0) {
					Thread.onSpinWait();
					continue;
				}
				int length = this.access.getInt(SeqlockDescriptor.LENGTH_OFFSET);
				boolean fits = length >= 0 && length <= this.capacity;
				if (fits) {
					this.access.getBytes(SeqlockDescriptor.HEADER_LENGTH, this.scratch, 0, length);
				}
				VarHandle.acquireFence();
				if (this.access.getLongVolatile(SeqlockDescriptor.SEQUENCE_OFFSET) != before) {
					continue;
				}
				if (!fits) {
					throw new SharedMemoryLayoutException("read", name(), "the content length " + length
							+ " lies outside 0 to the capacity " + this.capacity + "; the seqlock region is corrupted");
				}
				this.lastSequence = before;
				return Arrays.copyOf(this.scratch, this.options.encoding().contentLength(this.scratch, length));
			}
			return null;
		}
		finally {
			this.gate.exit();
		}
	}

	@Override
	public void write(byte[] content) throws IOException {
		if (content.length > this.capacity) {
			throw new IpcException("write", name(), "a content of " + content.length + " bytes does not fit the "
					+ "seqlock region's " + this.capacity + " bytes; it was not written");
		}
		this.gate.enter("write");
		try {
			long sequence = lock();
			this.access.putInt(SeqlockDescriptor.LENGTH_OFFSET, content.length);
			this.access.putBytes(SeqlockDescriptor.HEADER_LENGTH, content, 0, content.length);
			this.access.putLongRelease(SeqlockDescriptor.SEQUENCE_OFFSET, sequence + 2);
		}
		finally {
			this.gate.exit();
		}
	}

	/** Move the sequence from even to odd; return the even value it had. */
	private long lock() throws IOException {
		@Nullable IdleStrategy idle = null;
		long deadline = 0;
		while (true) {
			long sequence = this.access.getLongVolatile(SeqlockDescriptor.SEQUENCE_OFFSET);
			if ((sequence & 1) == 0
					&& this.access.compareAndSetLong(SeqlockDescriptor.SEQUENCE_OFFSET, sequence, sequence + 1)) {
				return sequence;
			}
			if (idle == null) {
				idle = this.options.idleStrategy().create(this.options.pollInterval());
				deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(this.options.sendTimeout());
			}
			else if (System.nanoTime() - deadline >= 0) {
				throw new IpcException("write", name(), "another writer held the seqlock region for "
						+ this.options.sendTimeout() + " (its sequence stayed odd: it may have stopped mid-write); "
						+ "the content was not written");
			}
			idle.idle();
		}
	}

	@Override
	public String toString() {
		return "SeqlockRegion[" + name() + ", " + this.capacity + " bytes]";
	}

}
