package dev.winipc.posix;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.AbstractSharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * A {@code shm_open} segment mapped into this process.
 *
 * @since 0.1.0
 */
final class PosixSharedRegion extends AbstractSharedRegion {

	private static final Logger logger = System.getLogger(PosixSharedRegion.class.getName());

	/** Whether segments are files this process can look up by name (Linux, not macOS). */
	private static final boolean NAMED_FILES = Files.isDirectory(Path.of("/dev/shm"));

	private final LibC libc;

	private final Pointer address;

	private final @Nullable Object fileKey;

	PosixSharedRegion(LibC libc, SharedRegionOptions options, String osName, Pointer address, boolean created,
			@Nullable Object fileKey) {
		super(options, osName, created, address.getByteBuffer(0, options.size()));
		this.libc = libc;
		this.address = address;
		this.fileKey = fileKey;
	}

	@Override
	public boolean isStillNamed() {
		if (!NAMED_FILES || this.fileKey == null) {
			return true;
		}
		return Objects.equals(this.fileKey, PosixSharedMemory.fileKeyAt(options().name().posixPath()));
	}

	@Override
	protected void release(boolean removeName) {
		if (this.libc.munmap(this.address, size()) != 0) {
			int error = Native.getLastError();
			logger.log(Level.WARNING, () -> PosixErrors.of("munmap", osName(), error, null).getMessage());
		}
		// Never remove a segment that replaced this one under the same name.
		if (removeName && isStillNamed() && this.libc.shm_unlink(osName()) != 0) {
			int error = Native.getLastError();
			logger.log(Level.WARNING, () -> PosixErrors.of("shm_unlink", osName(), error, null).getMessage());
		}
	}

}
