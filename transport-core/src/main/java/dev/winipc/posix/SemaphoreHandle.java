package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * One named POSIX semaphore, {@code sem_open("/NAME")}, and the calls on it: what the
 * semaphore and the approximation of an event are made of. On Linux it is the file
 * {@code /dev/shm/sem.NAME}, whose owner and mode winipc checks and sets as it does a
 * shared-memory segment's.
 * <p>
 * A wait is {@code sem_timedwait} in slices ({@link WaitDeadline#SLICE}), so that it
 * notices a close or an interrupt in between: no signal is needed to end it. macOS has
 * no {@code sem_timedwait}: there a wait polls {@code sem_trywait} with a short back-off.
 */
final class SemaphoreHandle {

	private static final Logger logger = System.getLogger(SemaphoreHandle.class.getName());

	/** {@code SEM_FAILED}: {@code (sem_t *) -1} on Linux and macOS. */
	private static final long SEM_FAILED = -1;

	/** {@code struct timespec} on LP64: {@code time_t tv_sec}, {@code long tv_nsec}. */
	private static final int TIMESPEC_SIZE = 16;

	/** How a wait polls where there is no {@code sem_timedwait}. */
	private static final BackOffPolicy DARWIN_POLL = BackOffPolicy.exponential(Duration.ofMillis(1), 2,
			Duration.ofMillis(20));

	private final LibC libc;

	private final String name;

	private final Pointer semaphore;

	private final boolean created;

	private SemaphoreHandle(LibC libc, String name, Pointer semaphore, boolean created) {
		this.libc = libc;
		this.name = name;
		this.semaphore = semaphore;
		this.created = created;
	}

	/**
	 * Create or open the named semaphore of a semaphore's or an event's options.
	 * @param libc the C library
	 * @param options the object's settings
	 * @param initialValue the value it starts with when this call creates it
	 * @return the open semaphore
	 * @throws IpcException naming it if the OS refuses, it is missing and not to be
	 * created, or it belongs to another user
	 */
	static SemaphoreHandle open(LibC libc, SyncOptions options, int initialValue) throws IOException {
		String name = options.name().posixName();
		int mode = FileModes.of(options.access(), "sem_open", name);
		@Nullable Pointer semaphore = null;
		boolean created = false;
		if (options.create()) {
			semaphore = libc.sem_open(name, PosixFiles.O_CREAT | PosixFiles.O_EXCL, mode, initialValue);
			created = isValid(semaphore);
			if (!created && Native.getLastError() != PosixErrors.errno("EEXIST")) {
				throw PosixErrors.of("sem_open", name, Native.getLastError(), null);
			}
		}
		if (!created) {
			semaphore = libc.sem_open(name, 0);
			if (!isValid(semaphore)) {
				int error = Native.getLastError();
				throw PosixErrors.of("sem_open", name, error,
						(error == PosixErrors.errno("ENOENT"))
								? "no such " + options.name().kind().description() + ", and create is false" : null);
			}
		}
		SemaphoreHandle handle = new SemaphoreHandle(libc, name, semaphore, created);
		try {
			handle.secure(options, mode);
		}
		catch (IOException | RuntimeException ex) {
			handle.close();
			throw ex;
		}
		return handle;
	}

	private static boolean isValid(@Nullable Pointer semaphore) {
		return semaphore != null && Pointer.nativeValue(semaphore) != SEM_FAILED;
	}

	/**
	 * Give a created semaphore its mode exactly (sem_open applied the umask), or check
	 * that an opened one belongs to the current user; where the semaphore is no file
	 * (macOS) neither can be done.
	 */
	private void secure(SyncOptions options, int mode) throws IOException {
		Path file = options.name().posixPath();
		try {
			if (this.created) {
				Files.setPosixFilePermissions(file, FileModes.permissions(mode));
			}
			else if (options.isCurrentUserOnly()) {
				PosixUsers.requireOwner("sem_open", this.name, "the semaphore",
						Files.getOwner(file, LinkOption.NOFOLLOW_LINKS));
			}
		}
		catch (NoSuchFileException ex) {
			logger.log(Level.DEBUG, () -> "No file " + file + " for semaphore " + this.name + ": its owner is not checked");
		}
		catch (IOException ex) {
			// an IpcException, the refusal above, comes through as it is
			throw PosixErrors.of("sem_open", this.name, ex);
		}
	}

	/** @return the {@code sem_open} name, e.g. {@code /workers} */
	String name() {
		return this.name;
	}

	/** @return whether this call created the semaphore */
	boolean created() {
		return this.created;
	}

	/**
	 * Take one count, waiting at most until the deadline.
	 * @param deadline when to give up
	 * @param closed whether the handle was closed meanwhile: the wait then ends between
	 * two slices
	 * @return {@code true} if a count was taken; {@code false} when the deadline passed
	 * or the handle was closed
	 * @throws java.io.InterruptedIOException if the thread is interrupted
	 * @throws IpcException if the OS refuses
	 */
	boolean await(WaitDeadline deadline, BooleanSupplier closed) throws IOException {
		if (tryTake()) {
			return true;
		}
		if (PosixErrors.isDarwin()) {
			return poll(deadline, closed);
		}
		try (Memory abstime = new Memory(TIMESPEC_SIZE)) {
			while (!deadline.hasPassed() && !closed.getAsBoolean()) {
				WaitDeadline.checkInterrupt("sem_timedwait", this.name);
				Instant until = Instant.now().plusNanos(deadline.sliceNanos());
				abstime.setLong(0, until.getEpochSecond());
				abstime.setLong(8, until.getNano());
				if (this.libc.sem_timedwait(this.semaphore, abstime) == 0) {
					return true;
				}
				int error = Native.getLastError();
				if (error != PosixErrors.errno("ETIMEDOUT") && error != PosixErrors.errno("EINTR")) {
					throw PosixErrors.of("sem_timedwait", this.name, error, null);
				}
			}
			return false;
		}
	}

	private boolean poll(WaitDeadline deadline, BooleanSupplier closed) throws IOException {
		BackOffPolicy.Sequence pauses = DARWIN_POLL.start();
		while (!closed.getAsBoolean() && pauses.pause(System.nanoTime() + deadline.sliceNanos())) {
			if (tryTake()) {
				return true;
			}
			if (deadline.hasPassed()) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Take one count if there is one, without waiting.
	 * @return {@code true} if a count was taken
	 * @throws IpcException if the OS refuses
	 */
	boolean tryTake() throws IpcException {
		while (this.libc.sem_trywait(this.semaphore) != 0) {
			int error = Native.getLastError();
			if (error == PosixErrors.errno("EAGAIN")) {
				return false;
			}
			if (error != PosixErrors.errno("EINTR")) {
				throw PosixErrors.of("sem_trywait", this.name, error, null);
			}
		}
		return true;
	}

	/**
	 * Give one count back.
	 * @throws IpcException if the OS refuses, e.g. {@code EOVERFLOW} at
	 * {@code SEM_VALUE_MAX}
	 */
	void post() throws IpcException {
		if (this.libc.sem_post(this.semaphore) != 0) {
			throw PosixErrors.of("sem_post", this.name, Native.getLastError(), null);
		}
	}

	/**
	 * Return the count; on Linux 0 while threads wait, never negative.
	 * @return the count
	 * @throws IpcException if the OS refuses
	 */
	int value() throws IpcException {
		IntByReference value = new IntByReference();
		if (this.libc.sem_getvalue(this.semaphore, value) != 0) {
			throw PosixErrors.of("sem_getvalue", this.name, Native.getLastError(), null);
		}
		return Math.max(0, value.getValue());
	}

	/** Close this process's handle; the semaphore itself stays until removed. */
	void close() {
		if (this.libc.sem_close(this.semaphore) != 0) {
			int error = Native.getLastError();
			logger.log(Level.WARNING, () -> PosixErrors.of("sem_close", this.name, error, null).getMessage());
		}
	}

}
