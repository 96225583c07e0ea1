package dev.winipc.transport;

import java.nio.ByteBuffer;

/**
 * A named shared-memory region mapped into this process: its bytes are the bytes every
 * other process mapping the same name sees, at once.
 * <p>
 * {@link #buffer()} is a direct, little-endian view of exactly {@link #size()} bytes.
 * It is valid until {@link #close()}, which unmaps the memory: the caller makes sure no
 * thread touches the buffer after that (the layouts in {@code dev.winipc.shm} do). The
 * region itself lives on after close unless its options say
 * {@link SharedRegionOptions#removeOnClose()}: on POSIX until it is removed, on Windows
 * while any process holds it open.
 *
 * @since 0.1.0
 */
public interface SharedRegion extends AutoCloseable {

	/** @return the settings the region was opened with */
	SharedRegionOptions options();

	/**
	 * Return the OS's name of the region, for messages.
	 * @return e.g. {@code Local\HelloWorld} or {@code /HelloWorld}
	 */
	String osName();

	/** @return the number of bytes mapped */
	int size();

	/** @return whether this call created the region, rather than opened an existing one */
	boolean created();

	/**
	 * Return the mapped bytes.
	 * @return a direct little-endian buffer of {@link #size()} bytes, position 0; callers
	 * use absolute access or a duplicate
	 */
	ByteBuffer buffer();

	/**
	 * Return whether the region's name still leads to this region. On POSIX another
	 * process may remove the name ({@code shm_unlink}, as Python's resource tracker does)
	 * while the memory stays mapped here; a peer opening the name afterwards then gets a
	 * new, different region.
	 * @return {@code false} if the name was removed or now names another region;
	 * {@code true} where the OS cannot tell
	 */
	boolean isStillNamed();

	/**
	 * Unmap the region and, if the options say so, remove its name. Idempotent.
	 */
	@Override
	void close();

	/**
	 * Unmap the region and leave its name, whatever the options say: for a region found
	 * unusable, which is not this endpoint's to remove. Idempotent, as is {@link #close()}
	 * after it.
	 */
	void unmap();

}
