package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;

import com.sun.jna.Native;

import dev.winipc.transport.AbstractNamedMutex;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.MutexAcquisition;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * A named mutex on POSIX: an exclusive {@code flock} on the lock file
 * {@code $TMPDIR/winipc-mutex-NAME}, the lock {@code flock(1)}, Python's
 * {@code fcntl.flock} and C peers take on the same file. The kernel drops the lock of a
 * holder that dies.
 * <p>
 * The holder writes its process id into the file once it has the lock and empties the
 * file before it lets go, so the next holder that finds a process id there knows its
 * predecessor died holding the mutex ({@link MutexAcquisition#ABANDONED}). A holder that
 * does not follow this (plain {@code flock(1)}) is never reported.
 * <p>
 * {@code flock} has no timeout: a wait tries {@code LOCK_EX | LOCK_NB} with a back-off
 * from 1 ms to 20 ms. The lock file is never removed: a process that opened it would
 * otherwise lock another file than the next one.
 */
final class PosixNamedMutex extends AbstractNamedMutex {

	private static final Logger logger = System.getLogger(PosixNamedMutex.class.getName());

	private static final int O_NONBLOCK = PosixErrors.isDarwin() ? 0x4 : 0x800;

	/** Linux numbers it differently on ARM. */
	private static final int O_NOFOLLOW = PosixErrors.isDarwin() ? 0x100
			: System.getProperty("os.arch", "").matches("aarch64|arm.*") ? 0x8000 : 0x20000;

	private static final int O_CLOEXEC = PosixErrors.isDarwin() ? 0x1000000 : 0x80000;

	/** Every open of the lock file: no symbolic link followed, no blocking on a FIFO. */
	private static final int OPEN_FLAGS = PosixFiles.O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;

	private static final int LOCK_EX = 2;

	private static final int LOCK_NB = 4;

	private static final int LOCK_UN = 8;

	/** The longest content the file holds: a process id and a newline. */
	private static final int PID_LENGTH = 32;

	private static final BackOffPolicy POLL = BackOffPolicy.exponential(Duration.ofMillis(1), 2, Duration.ofMillis(20));

	private final LibC libc;

	private final int fd;

	private final byte[] ownPid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);

	private PosixNamedMutex(LibC libc, SyncOptions options, String path, int fd, boolean created) {
		super(options, path, created, "flock", "flock");
		this.libc = libc;
		this.fd = fd;
	}

	static PosixNamedMutex open(LibC libc, SyncOptions options) throws IOException {
		Path path = options.name().posixPath();
		String file = path.toString();
		int mode = FileModes.of(options.access(), "open", file);
		boolean created = false;
		int fd = -1;
		if (options.create()) {
			fd = libc.open(file, OPEN_FLAGS | PosixFiles.O_CREAT | PosixFiles.O_EXCL, mode);
			created = fd >= 0;
			if (!created && Native.getLastError() != PosixErrors.errno("EEXIST")) {
				throw PosixErrors.of("open", file, Native.getLastError(), null);
			}
		}
		if (fd < 0) {
			fd = libc.open(file, OPEN_FLAGS);
			if (fd < 0) {
				int error = Native.getLastError();
				throw PosixErrors.of("open", file, error, (error == PosixErrors.errno("ENOENT"))
						? "no such lock file, and create is false"
						: (error == PosixErrors.errno("ELOOP")) ? "the lock file is a symbolic link; refusing it" : null);
			}
		}
		try {
			if (created && libc.fchmod(fd, mode) != 0) {
				throw PosixErrors.of("fchmod", file, Native.getLastError(), null);
			}
			check(fd, file, options, created);
		}
		catch (IOException | RuntimeException ex) {
			libc.close(fd);
			throw ex;
		}
		boolean made = created;
		logger.log(Level.DEBUG, () -> (made ? "Created" : "Opened") + " lock file " + file);
		return new PosixNamedMutex(libc, options, file, fd, created);
	}

	/** A regular file, and with the default access one of the current user. */
	private static void check(int fd, String file, SyncOptions options, boolean created) throws IOException {
		PosixFileAttributes attributes = PosixFiles.fstat(fd, file);
		if (!attributes.isRegularFile()) {
			throw PosixErrors.of("open", file, "EINVAL", "the lock file is not a regular file; refusing it");
		}
		if (!created && options.isCurrentUserOnly()) {
			PosixUsers.requireOwner("open", file, "the lock file", attributes.owner());
		}
	}

	@Override
	protected MutexAcquisition acquireInOs(WaitDeadline deadline) throws IOException {
		BackOffPolicy.Sequence pauses = POLL.start();
		while (this.libc.flock(this.fd, LOCK_EX | LOCK_NB) != 0) {
			int error = Native.getLastError();
			if (error == PosixErrors.errno("EINTR")) {
				continue;
			}
			if (error != PosixErrors.errno("EAGAIN")) {
				throw PosixErrors.of("flock", osName(), error, null);
			}
			if (isClosed()) {
				throw closedException("flock");
			}
			WaitDeadline.checkInterrupt("flock", osName());
			if (deadline.hasPassed()) {
				return MutexAcquisition.TIMED_OUT;
			}
			pauses.pause(System.nanoTime() + deadline.sliceNanos());
		}
		try {
			String previous = previousHolder();
			writeOwnPid();
			if (previous.isEmpty()) {
				return MutexAcquisition.ACQUIRED;
			}
			logger.log(Level.WARNING, () -> "The mutex " + osName() + " was abandoned: its holder, process " + previous
					+ ", ended without releasing it");
			return MutexAcquisition.ABANDONED;
		}
		catch (IOException | RuntimeException ex) {
			this.libc.flock(this.fd, LOCK_UN);
			throw ex;
		}
	}

	/** What the last holder left in the file: its pid when it died holding the lock. */
	private String previousHolder() throws IpcException {
		byte[] content = new byte[PID_LENGTH];
		long read = this.libc.pread(this.fd, content, content.length, 0);
		if (read < 0) {
			throw PosixErrors.of("pread", osName(), Native.getLastError(), null);
		}
		return new String(content, 0, (int) read, StandardCharsets.US_ASCII).trim();
	}

	private void writeOwnPid() throws IpcException {
		empty();
		if (this.libc.pwrite(this.fd, this.ownPid, this.ownPid.length, 0) != this.ownPid.length) {
			throw PosixErrors.of("pwrite", osName(), Native.getLastError(), "cannot write the holder's pid");
		}
	}

	private void empty() throws IpcException {
		if (this.libc.ftruncate(this.fd, 0) != 0) {
			throw PosixErrors.of("ftruncate", osName(), Native.getLastError(), null);
		}
	}

	@Override
	protected void releaseInOs() throws IOException {
		try {
			empty();
		}
		finally {
			if (this.libc.flock(this.fd, LOCK_UN) != 0) {
				throw PosixErrors.of("flock", osName(), Native.getLastError(), null);
			}
		}
	}

	@Override
	protected void closeInOs() {
		this.libc.close(this.fd);
	}

}
