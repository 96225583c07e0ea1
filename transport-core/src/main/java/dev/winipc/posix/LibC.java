package dev.winipc.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

/**
 * The C library functions the POSIX backend calls through JNA, and nothing else. Names
 * and parameter order are the C API's; {@code size_t} and {@code ssize_t} are
 * {@link NativeLong}, the width of a C {@code long} on every LP64 and ILP32 system. The
 * caller reads {@code errno} with {@code Native.getLastError()}, which JNA saves right
 * after each call. {@link PosixIpcPlatform} loads it once and hands it to the classes
 * that need it.
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

	// shared memory: shm_open, ftruncate, mmap; the descriptor is closed once mapped

	int shm_open(String name, int oflag, int mode);

	int shm_unlink(String name);

	int ftruncate(int fd, long length);

	int fchmod(int fd, int mode);

	@Nullable Pointer mmap(@Nullable Pointer addr, long length, int prot, int flags, int fd, long offset);

	int munmap(Pointer addr, long length);

	// mailslots: AF_UNIX datagram sockets, waiting with poll, the wake-up pipe, user names

	int socket(int domain, int type, int protocol);

	int bind(int sockfd, Pointer addr, int addrlen);

	int connect(int sockfd, Pointer addr, int addrlen);

	int setsockopt(int sockfd, int level, int optname, Pointer optval, int optlen);

	NativeLong send(int sockfd, Pointer buf, NativeLong len, int flags);

	NativeLong recv(int sockfd, Pointer buf, NativeLong len, int flags);

	NativeLong recvmsg(int sockfd, Pointer msg, int flags);

	int poll(Pointer fds, NativeLong nfds, int timeout);

	int shutdown(int sockfd, int how);

	int pipe(int[] pipefd);

	NativeLong write(int fd, byte[] buf, NativeLong count);

	int close(int fd);

	/**
	 * {@code getpwuid_r}: the passwd entry of a uid, into the caller's buffers; its
	 * {@code pw_name} comes first.
	 */
	int getpwuid_r(int uid, Pointer pwd, Pointer buf, NativeLong buflen, PointerByReference result);

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
