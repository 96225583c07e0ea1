package dev.winipc.posix;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * A {@code shm_open} segment mapped into this process.
 *
 * @since 0.1.0
 */
final class PosixSharedRegion implements SharedRegion {

	private static final Logger logger = System.getLogger(PosixSharedRegion.class.getName());

	/** Whether segments are files this process can look up by name (Linux, not macOS). */
	private static final boolean NAMED_FILES = Files.isDirectory(Path.of("/dev/shm"));

	private final LibC libc;

	private final SharedRegionOptions options;

	private final String osName;

	private final Pointer address;

	private final boolean created;

	private final ByteBuffer buffer;

	private final @Nullable Object fileKey;

	private final AtomicBoolean closed = new AtomicBoolean();

	PosixSharedRegion(LibC libc, SharedRegionOptions options, String osName, Pointer address, boolean created,
			@Nullable Object fileKey) {
		this.libc = libc;
		this.options = options;
		this.osName = osName;
		this.address = address;
		this.created = created;
		this.fileKey = fileKey;
		this.buffer = address.getByteBuffer(0, options.size()).order(ByteOrder.LITTLE_ENDIAN);
	}

	@Override
	public SharedRegionOptions options() {
		return this.options;
	}

	@Override
	public String osName() {
		return this.osName;
	}

	@Override
	public int size() {
		return this.options.size();
	}

	@Override
	public boolean created() {
		return this.created;
	}

	@Override
	public ByteBuffer buffer() {
		return this.buffer;
	}

	@Override
	public boolean isStillNamed() {
		if (!NAMED_FILES || this.fileKey == null) {
			return true;
		}
		return Objects.equals(this.fileKey, PosixSharedMemory.fileKeyAt(this.options.name().posixPath()));
	}

	@Override
	public void close() {
		if (!unmapOnce()) {
			return;
		}
		// Never remove a segment that replaced this one under the same name.
		if (this.options.removeOnClose() && isStillNamed() && this.libc.shm_unlink(this.osName) != 0) {
			int error = Native.getLastError();
			logger.log(Level.WARNING, () -> PosixErrors.ofErrno("shm_unlink", this.osName, error, null).getMessage());
		}
	}

	@Override
	public void unmap() {
		unmapOnce();
	}

	private boolean unmapOnce() {
		if (!this.closed.compareAndSet(false, true)) {
			return false;
		}
		if (this.libc.munmap(this.address, this.options.size()) != 0) {
			int error = Native.getLastError();
			logger.log(Level.WARNING, () -> PosixErrors.ofErrno("munmap", this.osName, error, null).getMessage());
		}
		return true;
	}

	@Override
	public String toString() {
		return "PosixSharedRegion[" + this.osName + ", " + this.options.size() + " bytes]";
	}

}
