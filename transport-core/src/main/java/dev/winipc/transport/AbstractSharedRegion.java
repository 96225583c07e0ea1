package dev.winipc.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every backend's {@link SharedRegion} shares: its settings, name and buffer, and a
 * close that releases the mapping once.
 *
 * @since 0.1.0
 */
public abstract class AbstractSharedRegion implements SharedRegion {

	private final SharedRegionOptions options;

	private final String osName;

	private final boolean created;

	private final ByteBuffer buffer;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Create the region.
	 * @param options the settings it was opened with
	 * @param osName the OS's name of it
	 * @param created whether this process created it
	 * @param buffer the mapped bytes, {@code options.size()} of them
	 */
	protected AbstractSharedRegion(SharedRegionOptions options, String osName, boolean created, ByteBuffer buffer) {
		this.options = options;
		this.osName = osName;
		this.created = created;
		this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
	}

	@Override
	public final SharedRegionOptions options() {
		return this.options;
	}

	@Override
	public final String osName() {
		return this.osName;
	}

	@Override
	public final int size() {
		return this.options.size();
	}

	@Override
	public final boolean created() {
		return this.created;
	}

	@Override
	public final ByteBuffer buffer() {
		return this.buffer;
	}

	@Override
	public final void close() {
		if (this.closed.compareAndSet(false, true)) {
			release(this.options.removeOnClose());
		}
	}

	@Override
	public final void unmap() {
		if (this.closed.compareAndSet(false, true)) {
			release(false);
		}
	}

	/**
	 * Unmap the memory and close what holds it; called once.
	 * @param removeName whether to remove the region's name too
	 */
	protected abstract void release(boolean removeName);

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.osName + ", " + size() + " bytes]";
	}

}
