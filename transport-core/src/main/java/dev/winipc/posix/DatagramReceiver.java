package dev.winipc.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The native memory of one reader's {@code recvmsg}: the data buffer, its
 * {@code iovec}, the {@code msghdr} and, on Linux, the control buffer that receives each
 * sender's {@code SCM_CREDENTIALS}. Allocated once, reused for every message; one
 * thread at a time.
 * <p>
 * {@code struct msghdr}, {@code P} being the pointer size:
 * <pre>
 *   Linux                                   macOS (64-bit)
 *   0    msg_name        void *             0    msg_name        void *
 *   P    msg_namelen     socklen_t          8    msg_namelen     socklen_t
 *   2P   msg_iov         struct iovec *     16   msg_iov         struct iovec *
 *   3P   msg_iovlen      size_t             24   msg_iovlen      int
 *   4P   msg_control     void *             32   msg_control     void *
 *   5P   msg_controllen  size_t             40   msg_controllen  socklen_t
 *   6P   msg_flags       int                44   msg_flags       int
 *   7P   (size)                             48   (size)
 * </pre>
 * {@code struct iovec} is {@code void *iov_base; size_t iov_len}. A Linux
 * {@code cmsghdr} is {@code size_t cmsg_len; int cmsg_level; int cmsg_type}, its data
 * aligned to a {@code size_t}; {@code struct ucred} is {@code pid_t pid; uid_t uid;
 * gid_t gid}.
 */
final class DatagramReceiver {

	/** Linux: the control message type of a sender's credentials. */
	static final int SCM_CREDENTIALS = 2;

	private static final int P = Native.POINTER_SIZE;

	private static final boolean DARWIN = PosixErrors.isDarwin();

	private static final int IOV = 2 * P;

	private static final int IOVLEN = 3 * P;

	private static final int CONTROL = DARWIN ? 32 : 4 * P;

	private static final int CONTROLLEN = DARWIN ? 40 : 5 * P;

	private static final int FLAGS = DARWIN ? 44 : 6 * P;

	private static final int MSGHDR_SIZE = DARWIN ? 48 : 7 * P;

	/** {@code CMSG_ALIGN(sizeof(struct cmsghdr))}: where a control message's data starts. */
	private static final int CMSG_DATA = align(Native.SIZE_T_SIZE + 2 * Integer.BYTES);

	private static final int CMSG_LEVEL = Native.SIZE_T_SIZE;

	private static final int CMSG_TYPE = Native.SIZE_T_SIZE + Integer.BYTES;

	/** Room for one {@code SCM_CREDENTIALS} message, and then some. */
	private static final int CONTROL_SIZE = 64;

	private static final int UCRED_SIZE = 3 * Integer.BYTES;

	private final LibC libc;

	private final int fd;

	private final Memory data;

	private final int capacity;

	private final Memory iovec = new Memory(2L * P);

	private final Memory header = new Memory(MSGHDR_SIZE);

	private final Memory control = new Memory(CONTROL_SIZE);

	private boolean truncated;

	private boolean hasCredentials;

	private int pid;

	private int uid;

	/**
	 * @param libc the C library
	 * @param fd the socket
	 * @param capacity the largest message taken whole; a larger one is cut short and
	 * reported {@link #truncated()}
	 */
	DatagramReceiver(LibC libc, int fd, int capacity) {
		this.libc = libc;
		this.fd = fd;
		this.capacity = capacity;
		// Memory of no bytes is not allowed; a reader of empty messages still needs a buffer.
		this.data = new Memory(Math.max(1, capacity));
		this.iovec.setPointer(0, this.data);
		this.iovec.setNativeLong(P, new NativeLong(capacity));
		this.header.clear();
		this.header.setPointer(IOV, this.iovec);
		setCount(IOVLEN, 1);
		if (!DARWIN) {
			this.header.setPointer(CONTROL, this.control);
		}
	}

	/**
	 * Take the next message without waiting.
	 * @param peek leave it in the queue
	 * @return its length, which on Linux is its whole length even when it was cut short,
	 * or {@code -1} with the errno in {@code Native.getLastError()}
	 */
	long receive(boolean peek) {
		if (!DARWIN) {
			// recvmsg sets it to the control bytes it wrote; the rest of the header stays.
			setCount(CONTROLLEN, CONTROL_SIZE);
		}
		int flags = UnixDatagramSocket.MSG_DONTWAIT | (DARWIN ? 0 : UnixDatagramSocket.MSG_TRUNC)
				| (peek ? UnixDatagramSocket.MSG_PEEK : 0);
		long length = DatagramCalls.recvmsg(this.libc, this.fd, this.header, flags);
		if (length >= 0) {
			this.truncated = (this.header.getInt(FLAGS) & UnixDatagramSocket.MSG_TRUNC) != 0 || length > this.capacity;
			readCredentials();
		}
		return length;
	}

	/** @return whether the last message was larger than the capacity, and cut short */
	boolean truncated() {
		return this.truncated;
	}

	/** @return whether the last message carried its sender's credentials (Linux) */
	boolean hasCredentials() {
		return this.hasCredentials;
	}

	/** @return the last sender's process id, if {@link #hasCredentials()} */
	int pid() {
		return this.pid;
	}

	/** @return the last sender's user id, if {@link #hasCredentials()} */
	int uid() {
		return this.uid;
	}

	/**
	 * Copy out the last message.
	 * @param length its length, at most the capacity
	 * @return its bytes
	 */
	byte[] bytes(int length) {
		return (length == 0) ? new byte[0] : this.data.getByteArray(0, length);
	}

	void free() {
		this.data.close();
		this.iovec.close();
		this.header.close();
		this.control.close();
	}

	private void readCredentials() {
		this.hasCredentials = false;
		if (DARWIN) {
			return;
		}
		long controlLength = (Native.SIZE_T_SIZE == Long.BYTES) ? this.header.getLong(CONTROLLEN)
				: Integer.toUnsignedLong(this.header.getInt(CONTROLLEN));
		if (controlLength >= CMSG_DATA + UCRED_SIZE && this.control.getInt(CMSG_LEVEL) == UnixDatagramSocket.SOL_SOCKET
				&& this.control.getInt(CMSG_TYPE) == SCM_CREDENTIALS) {
			this.hasCredentials = true;
			this.pid = this.control.getInt(CMSG_DATA);
			this.uid = this.control.getInt(CMSG_DATA + Integer.BYTES);
		}
	}

	private static int align(int size) {
		int unit = Native.SIZE_T_SIZE;
		return (size + unit - 1) / unit * unit;
	}

	/** Set {@code msg_iovlen} or {@code msg_controllen}: {@code size_t} on Linux, 4 bytes on macOS. */
	private void setCount(int offset, int value) {
		if (DARWIN) {
			this.header.setInt(offset, value);
		}
		else if (Native.SIZE_T_SIZE == Long.BYTES) {
			this.header.setLong(offset, value);
		}
		else {
			this.header.setInt(offset, value);
		}
	}

}
