package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * POSIX shared memory: {@code shm_open("/NAME")}, sized with {@code ftruncate} when this
 * call creates it, mapped whole with {@code mmap(MAP_SHARED)}; on Linux the segment is the
 * file {@code /dev/shm/NAME}, the one Python's {@code SharedMemory(name="NAME")},
 * Boost.Interprocess and C peers open.
 * <p>
 * A segment is created with {@code O_EXCL}, so that of two processes starting at once one
 * creates and the other opens, and then given its mode exactly (0600 by default,
 * whatever the umask). An opened segment must be at least the configured size (mapping
 * past its end would fault on access) and, with the default access, owned by the current
 * user: a segment another user created first is refused, so a squatter can neither feed
 * nor read this user's data.
 *
 * @since 0.1.0
 */
final class PosixSharedMemory implements SharedMemory {

	private static final Logger logger = System.getLogger(PosixSharedMemory.class.getName());

	private static final int PROT_READ = 1;

	private static final int PROT_WRITE = 2;

	private static final int MAP_SHARED = 1;

	/** How long an opener waits for a segment that its creator has not sized yet. */
	private static final Duration SIZING_WAIT = Duration.ofSeconds(2);

	private final LibC libc;

	PosixSharedMemory(LibC libc) {
		this.libc = libc;
	}

	@Override
	public SharedRegion open(SharedRegionOptions options) throws IOException {
		String name = options.name().posixName();
		int mode = FileModes.of(options.access(), "shm_open", name);
		boolean created = false;
		int fd = -1;
		if (options.create()) {
			fd = this.libc.shm_open(name, PosixFiles.O_RDWR | PosixFiles.O_CREAT | PosixFiles.O_EXCL, mode);
			created = fd >= 0;
			if (!created && Native.getLastError() != PosixErrors.errno("EEXIST")) {
				throw PosixErrors.of("shm_open", name, Native.getLastError(), null);
			}
		}
		if (fd < 0) {
			fd = this.libc.shm_open(name, PosixFiles.O_RDWR, 0);
			if (fd < 0) {
				int error = Native.getLastError();
				throw PosixErrors.of("shm_open", name, error,
						(error == PosixErrors.errno("ENOENT") && !options.create()) ? "no such segment, and create is false"
								: null);
			}
		}
		try {
			if (created) {
				size(fd, name, mode, options.size());
			}
			PosixFileAttributes attributes = created ? PosixFiles.fstat(fd, name) : checkExisting(fd, name, options);
			Pointer address = this.libc.mmap(null, options.size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
			if (address == null || Pointer.nativeValue(address) == -1) {
				throw PosixErrors.of("mmap", name, Native.getLastError(), null);
			}
			boolean made = created;
			logger.log(Level.DEBUG, () -> (made ? "Created" : "Opened") + " shared memory " + name + " (" + options.size()
					+ " bytes)");
			return new PosixSharedRegion(this.libc, options, name, address, created, attributes.fileKey());
		}
		catch (IOException | RuntimeException ex) {
			if (created) {
				this.libc.shm_unlink(name);
			}
			throw ex;
		}
		finally {
			this.libc.close(fd);
		}
	}

	private void size(int fd, String name, int mode, int size) throws IpcException {
		// shm_open applied the umask: set the mode exactly.
		if (this.libc.fchmod(fd, mode) != 0) {
			throw PosixErrors.of("fchmod", name, Native.getLastError(), null);
		}
		if (this.libc.ftruncate(fd, size) != 0) {
			throw PosixErrors.of("ftruncate", name, Native.getLastError(), "cannot size the segment to " + size
					+ " bytes");
		}
	}

	private static PosixFileAttributes checkExisting(int fd, String name, SharedRegionOptions options)
			throws IOException {
		PosixFileAttributes attributes = PosixFiles.fstat(fd, name);
		if (options.isCurrentUserOnly()) {
			PosixUsers.requireOwner("shm_open", name, "the segment", attributes.owner());
		}
		BackOffPolicy.Sequence pauses = BackOffPolicy.DEFAULT.start();
		long deadline = System.nanoTime() + SIZING_WAIT.toNanos();
		// A size of 0 is a segment whose creator has not sized it yet.
		while (attributes.size() == 0 && pauses.pause(deadline)) {
			attributes = PosixFiles.fstat(fd, name);
		}
		if (attributes.size() < options.size()) {
			throw PosixErrors.of("mmap", name, "EINVAL", "the segment has " + attributes.size()
					+ " bytes, fewer than the " + options.size() + " configured");
		}
		return attributes;
	}

	/**
	 * Return the identity of the file a name leads to now.
	 * @param path the segment's file, {@code /dev/shm/NAME} on Linux
	 * @return its file key, or {@code null} if there is none
	 */
	static @Nullable Object fileKeyAt(Path path) {
		try {
			return Files.readAttributes(path, PosixFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
