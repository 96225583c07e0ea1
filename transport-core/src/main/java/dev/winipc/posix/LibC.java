package dev.winipc.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

/**
 * The C library functions the POSIX backend calls through JNA, and nothing else. Names
 * and parameter order are the C API's. {@link PosixIpcPlatform} loads it once and hands
 * it to the classes that need it.
 *
 * @since 0.1.0
 */
public interface LibC extends Library {

	/**
	 * Load the C library of this process.
	 * @return the binding
	 * @throws UnsatisfiedLinkError if there is none, i.e. not on a POSIX system
	 */
	static LibC load() {
		return Native.load("c", LibC.class);
	}

	String strerror(int errnum);

	/**
	 * {@code getpwnam}: the passwd entry of a login name; its {@code pw_uid} follows two
	 * pointers ({@code pw_name}, {@code pw_passwd}) on Linux and macOS alike.
	 * @param name the login name
	 * @return the entry, or {@code null} if there is none
	 */
	@Nullable Pointer getpwnam(String name);

	/**
	 * {@code getpwuid}: the passwd entry of a uid; its {@code pw_name} comes first.
	 * @param uid the uid
	 * @return the entry, or {@code null} if there is none
	 */
	@Nullable Pointer getpwuid(int uid);

	// shared memory: shm_open, ftruncate, mmap; the descriptor is closed once mapped

	int shm_open(String name, int oflag, int mode);

	int shm_unlink(String name);

	int ftruncate(int fd, long length);

	int fchmod(int fd, int mode);

	@Nullable Pointer mmap(@Nullable Pointer addr, long length, int prot, int flags, int fd, long offset);

	int munmap(Pointer addr, long length);

	int close(int fd);

	// named synchronization objects: flock on a lock file, sem_open semaphores; open and
	// sem_open are variadic in C, so their mode (and initial value) are variable arguments

	int open(String path, int oflag, Object... mode);

	int flock(int fd, int operation);

	long pread(int fd, byte[] buf, long count, long offset);

	long pwrite(int fd, byte[] buf, long count, long offset);

	@Nullable Pointer sem_open(String name, int oflag, Object... modeAndValue);

	int sem_close(Pointer sem);

	int sem_post(Pointer sem);

	int sem_trywait(Pointer sem);

	int sem_timedwait(Pointer sem, Pointer abstime);

	int sem_getvalue(Pointer sem, IntByReference sval);

}
