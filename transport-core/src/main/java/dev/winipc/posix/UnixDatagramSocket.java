package dev.winipc.posix;

import java.nio.charset.Charset;
import java.nio.file.Path;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import dev.winipc.transport.IpcException;

/**
 * An {@code AF_UNIX} {@code SOCK_DGRAM} socket through the C library, which the JDK does
 * not offer, with a wake-up pipe so that another thread can end a wait on it at once:
 * every wait is {@code poll} on the socket and the pipe's read end, and {@link #wake()}
 * writes to the pipe. Its owner closes it in two steps: {@link #startClosing()} wakes
 * every wait, then, once no thread uses the socket any more, {@link #close()} releases
 * the descriptors.
 * <p>
 * {@code sockaddr_un}, Linux and macOS:
 * <pre>
 *   Linux   0  sun_family  u16       2  sun_path  char[108]
 *   macOS   0  sun_len     u8        1  sun_family u8        2  sun_path  char[104]
 * </pre>
 * {@code struct pollfd} is {@code int fd; short events; short revents}: 8 bytes.
 */
final class UnixDatagramSocket {

	static final int AF_UNIX = 1;

	static final int SOCK_DGRAM = 2;

	static final int SOL_SOCKET = PosixErrors.isDarwin() ? 0xffff : 1;

	static final int SO_SNDBUF = PosixErrors.isDarwin() ? 0x1001 : 7;

	/** Linux only: the kernel attaches each sender's {@code SCM_CREDENTIALS}. */
	static final int SO_PASSCRED = 16;

	/** macOS only: no {@code SIGPIPE} from a send (Linux: {@link #MSG_NOSIGNAL}). */
	static final int SO_NOSIGPIPE = 0x1022;

	static final int MSG_PEEK = PosixErrors.isDarwin() ? 0x1 : 0x2;

	static final int MSG_TRUNC = PosixErrors.isDarwin() ? 0x10 : 0x20;

	static final int MSG_DONTWAIT = PosixErrors.isDarwin() ? 0x80 : 0x40;

	static final int MSG_NOSIGNAL = PosixErrors.isDarwin() ? 0 : 0x4000;

	static final int SHUT_RD = 0;

	static final short POLLIN = 0x1;

	static final short POLLOUT = 0x4;

	/** What {@link #await} returns when the socket is ready. */
	static final int READY = 1;

	/** What {@link #await} returns when {@link #wake()} was called. */
	static final int WOKEN = 2;

	/** What {@link #await} returns when the timeout passed first. */
	static final int TIMED_OUT = 0;

	private static final int POLLFD_SIZE = 8;

	private static final int PATH_OFFSET = 2;

	private static final int PATH_CAPACITY = PosixErrors.isDarwin() ? 104 : 108;

	private final LibC libc;

	private final int fd;

	private final int wakeRead;

	private final int wakeWrite;

	private final String path;

	private final Memory pollFds = new Memory(2L * POLLFD_SIZE);

	private final Object state = new Object();

	private volatile boolean closing;

	private UnixDatagramSocket(LibC libc, int fd, int wakeRead, int wakeWrite, String path) {
		this.libc = libc;
		this.fd = fd;
		this.wakeRead = wakeRead;
		this.wakeWrite = wakeWrite;
		this.path = path;
	}

	/**
	 * Create an unbound, unconnected socket and its wake-up pipe.
	 * @param libc the C library
	 * @param path the endpoint's path, for errors
	 * @return the socket
	 * @throws IpcException if the OS refuses
	 */
	static UnixDatagramSocket open(LibC libc, Path path) throws IpcException {
		int fd = libc.socket(AF_UNIX, SOCK_DGRAM, 0);
		if (fd < 0) {
			throw PosixErrors.of("socket", path, Native.getLastError(), null);
		}
		int[] wake = new int[2];
		if (libc.pipe(wake) != 0) {
			int error = Native.getLastError();
			libc.close(fd);
			throw PosixErrors.of("pipe", path, error, null);
		}
		UnixDatagramSocket socket = new UnixDatagramSocket(libc, fd, wake[0], wake[1], path.toString());
		if (PosixErrors.isDarwin()) {
			socket.setOption(SO_NOSIGPIPE, 1);
		}
		return socket;
	}

	/** @return the socket's descriptor */
	int fd() {
		return this.fd;
	}

	/** @return the C library */
	LibC libc() {
		return this.libc;
	}

	/**
	 * Bind the socket to a path.
	 * @param at the path
	 * @throws IpcException naming the errno
	 */
	void bind(Path at) throws IpcException {
		Memory address = address(at);
		if (this.libc.bind(this.fd, address, (int) address.size()) != 0) {
			throw PosixErrors.of("bind", at, Native.getLastError(), null);
		}
	}

	/**
	 * Connect the socket to the one bound at a path: sends go there, and {@code poll}
	 * reports room in that socket's queue.
	 * @param to the path
	 * @return {@code 0}, or the errno
	 */
	int connect(Path to) {
		Memory address = address(to);
		return (this.libc.connect(this.fd, address, (int) address.size()) == 0) ? 0 : Native.getLastError();
	}

	/**
	 * Set an {@code int} option at {@code SOL_SOCKET}.
	 * @param option e.g. {@link #SO_PASSCRED}
	 * @param value the value
	 * @throws IpcException naming the errno
	 */
	void setOption(int option, int value) throws IpcException {
		Memory holder = new Memory(Integer.BYTES);
		holder.setInt(0, value);
		if (this.libc.setsockopt(this.fd, SOL_SOCKET, option, holder, Integer.BYTES) != 0) {
			throw PosixErrors.of("setsockopt", this.path, Native.getLastError(), "option " + option);
		}
	}

	/**
	 * Wait until the socket is ready for the events, {@link #wake()} is called, or the
	 * timeout passes; a signal that ends {@code poll} early starts it again.
	 * @param events {@link #POLLIN} or {@link #POLLOUT}
	 * @param timeoutMillis how long, or {@code -1} for as long as it takes
	 * @return {@link #READY}, {@link #WOKEN} or {@link #TIMED_OUT}
	 * @throws IpcException if {@code poll} fails
	 */
	int await(short events, int timeoutMillis) throws IpcException {
		this.pollFds.setInt(0, this.fd);
		this.pollFds.setShort(4, events);
		this.pollFds.setShort(6, (short) 0);
		this.pollFds.setInt(POLLFD_SIZE, this.wakeRead);
		this.pollFds.setShort(POLLFD_SIZE + 4, POLLIN);
		this.pollFds.setShort(POLLFD_SIZE + 6, (short) 0);
		int ready = DatagramCalls.poll(this.libc, this.pollFds, 2, timeoutMillis);
		if (ready < 0) {
			int error = Native.getLastError();
			if (error == PosixErrors.errno("EINTR")) {
				return READY;
			}
			throw PosixErrors.of("poll", this.path, error, null);
		}
		if (ready == 0) {
			return TIMED_OUT;
		}
		// The wake-up wins: a closing owner must not start another call on the socket.
		return (this.pollFds.getShort(POLLFD_SIZE + 6) != 0) ? WOKEN : READY;
	}

	/**
	 * End every present and future {@link #await} at once.
	 */
	void wake() {
		this.libc.write(this.wakeWrite, new byte[] { 1 }, new NativeLong(1));
	}

	/**
	 * Stop receiving: later sends to this socket fail with {@code EPIPE}, a receive on an
	 * empty queue returns 0 instead of waiting, and every wait ends.
	 * @return {@code 0}, or the errno
	 */
	int shutdownInput() {
		synchronized (this.state) {
			if (this.closing) {
				return 0;
			}
			int error = (this.libc.shutdown(this.fd, SHUT_RD) == 0) ? 0 : Native.getLastError();
			wake();
			return error;
		}
	}

	/**
	 * Begin closing: every present and future {@link #await} ends at once.
	 * @return {@code true} the first time, {@code false} if the socket is closing already
	 */
	boolean startClosing() {
		synchronized (this.state) {
			if (this.closing) {
				return false;
			}
			this.closing = true;
			wake();
			return true;
		}
	}

	/** @return whether {@link #startClosing()} was called */
	boolean isClosing() {
		return this.closing;
	}

	/**
	 * Close the socket and the pipe; only once no thread uses them.
	 */
	void close() {
		synchronized (this.state) {
			this.libc.close(this.fd);
			this.libc.close(this.wakeRead);
			this.libc.close(this.wakeWrite);
			this.pollFds.close();
		}
	}

	/**
	 * Return a {@code sockaddr_un} for a path, sized to the path and its NUL, which is
	 * what Linux and macOS take as its length.
	 * @param path the path, which {@link UnixSocketPaths#requireFits} checked
	 * @return the address
	 */
	static Memory address(Path path) {
		// The JDK encodes socket paths as it encodes file names; so do peers.
		byte[] bytes = path.toString().getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")));
		if (bytes.length >= PATH_CAPACITY) {
			throw new IllegalArgumentException("Socket path too long: " + path);
		}
		Memory address = new Memory(PATH_OFFSET + bytes.length + 1L);
		address.clear();
		if (PosixErrors.isDarwin()) {
			address.setByte(0, (byte) address.size());
			address.setByte(1, (byte) AF_UNIX);
		}
		else {
			address.setShort(0, (short) AF_UNIX);
		}
		address.write(PATH_OFFSET, bytes, 0, bytes.length);
		return address;
	}

	/**
	 * Tell whether a reader is bound at a datagram socket's path: connecting to a stale
	 * one fails with {@code ECONNREFUSED}.
	 * @param libc the C library
	 * @param path the socket file
	 * @return {@code true} if a socket is bound there
	 * @throws IpcException if no socket can be made to ask
	 */
	static boolean isLive(LibC libc, Path path) throws IpcException {
		UnixDatagramSocket probe = open(libc, path);
		try {
			return probe.connect(path) == 0;
		}
		finally {
			probe.close();
		}
	}

	@Override
	public String toString() {
		return "UnixDatagramSocket[" + this.path + ", fd " + this.fd + "]";
	}

}
