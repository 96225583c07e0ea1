package dev.winipc.shm;

import java.io.IOException;

import dev.winipc.transport.SharedRegion;

/**
 * What the ring and the regions share: the mapped segment, its bounds-checked access,
 * the gate that keeps it mapped while in use, and a header checked on open.
 */
abstract class SegmentSupport implements AutoCloseable {

	final SharedRegion region;

	final SharedMemoryOptions options;

	final RegionAccess access;

	final SegmentGate gate;

	SegmentSupport(SharedRegion region, SharedMemoryOptions options) {
		this.region = region;
		this.options = options;
		this.access = new RegionAccess(region);
		this.gate = new SegmentGate(region);
	}

	/**
	 * Write the header of a segment this process created, or check the header of one it
	 * opened; a segment found invalid is unmapped, and left as it was.
	 * @param header the layout's header
	 * @param capacity the capacity configured
	 * @throws IOException if the header does not match
	 */
	final void initialiseOrValidate(SegmentHeader header, int capacity) throws IOException {
		try {
			if (this.region.created()) {
				header.initialise(this.access, capacity);
			}
			else {
				header.validate(this.access, capacity);
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not this endpoint's segment to remove: it was there, and it is not valid.
			this.region.unmap();
			throw ex;
		}
	}

	/** @return the segment's OS name, e.g. {@code /ticks} or {@code Local\ticks} */
	public String name() {
		return this.region.osName();
	}

	/** @return whether this process created the segment */
	public boolean created() {
		return this.region.created();
	}

	/**
	 * Return whether the segment's name still leads to this segment.
	 * @return see {@link SharedRegion#isStillNamed()}
	 */
	public boolean isStillNamed() {
		return this.region.isStillNamed();
	}

	/**
	 * Unmap the segment once no read or write is in progress. The segment stays unless
	 * the options say {@code removeOnClose}.
	 */
	@Override
	public void close() {
		this.gate.close();
	}

}
