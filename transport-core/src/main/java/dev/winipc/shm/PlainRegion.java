package dev.winipc.shm;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedRegion;

/**
 * {@link SharedMemoryLayout#REGION}: no header, the content at offset 0. Nothing orders
 * a reader against a writer of another process, so a read may see a write half done;
 * the next poll sees the rest. Peers that can cooperate use {@link SeqlockRegion}.
 */
final class PlainRegion extends SegmentSupport implements SharedMemoryRegion {

	private final RegionEncoding encoding;

	private final int size;

	private byte[] current;

	private byte[] previous;

	private int previousLength = -1;

	PlainRegion(SharedRegion region, SharedMemoryOptions options) {
		super(region, options);
		this.encoding = options.encoding();
		this.size = options.size();
		this.current = new byte[this.size];
		this.previous = new byte[this.size];
	}

	@Override
	public byte @Nullable [] readIfChanged() throws IpcException {
		this.gate.enter("read");
		try {
			this.access.getBytes(0, this.current, 0, this.size);
		}
		finally {
			this.gate.exit();
		}
		int length = this.encoding.contentLength(this.current, this.size);
		boolean first = this.previousLength < 0;
		boolean unchanged = first ? isEmpty(this.current, length)
				: (length == this.previousLength && Arrays.equals(this.current, 0, length, this.previous, 0, length));
		if (unchanged && !first) {
			return null;
		}
		byte[] seen = this.current;
		this.current = this.previous;
		this.previous = seen;
		this.previousLength = length;
		// An empty region at the start is no message; what follows is compared with it.
		return unchanged ? null : Arrays.copyOf(seen, length);
	}

	private static boolean isEmpty(byte[] bytes, int length) {
		for (int i = 0; i < length; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	@Override
	public synchronized void write(byte[] content) throws IpcException {
		int terminated = content.length + this.encoding.terminatorLength();
		if (terminated > this.size) {
			throw new IpcException("write", name(), "a content of " + content.length + " bytes"
					+ ((this.encoding.terminatorLength() > 0) ? " and its terminator" : "") + " does not fit the region's "
					+ this.size + " bytes; it was not written");
		}
		this.gate.enter("write");
		try {
			this.access.putBytes(0, content, 0, content.length);
			this.access.setZero(content.length, this.size - content.length);
		}
		finally {
			this.gate.exit();
		}
	}

	@Override
	public String toString() {
		return "PlainRegion[" + name() + ", " + this.size + " bytes, " + this.encoding + "]";
	}

}
