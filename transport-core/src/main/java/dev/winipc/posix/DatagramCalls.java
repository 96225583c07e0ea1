package dev.winipc.posix;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The C library calls a mailslot makes for every message ({@code recvmsg}, {@code send},
 * {@code poll}), bound by JNA's direct mapping where {@code size_t} is 64 bits: a direct
 * call costs about a third of a {@link LibC} interface call, and a flood of small
 * datagrams pays two or three of them per message. Elsewhere, or if the direct binding
 * cannot be made, the calls go through {@link LibC}. {@code errno} is read with
 * {@code Native.getLastError()} either way.
 */
final class DatagramCalls {

	private static final Logger logger = System.getLogger(DatagramCalls.class.getName());

	private static final boolean DIRECT = Native.SIZE_T_SIZE == Long.BYTES && Native.LONG_SIZE == Long.BYTES
			&& Direct.bind();

	private DatagramCalls() {
	}

	/**
	 * {@code recvmsg}.
	 * @param libc the C library, when there is no direct binding
	 * @param sockfd the socket
	 * @param msg the {@code struct msghdr}
	 * @param flags the flags
	 * @return the bytes received, or -1
	 */
	static long recvmsg(LibC libc, int sockfd, Pointer msg, int flags) {
		return DIRECT ? Direct.recvmsg(sockfd, msg, flags) : libc.recvmsg(sockfd, msg, flags).longValue();
	}

	/**
	 * {@code send}.
	 * @param libc the C library, when there is no direct binding
	 * @param sockfd the socket
	 * @param buf the bytes
	 * @param len how many
	 * @param flags the flags
	 * @return the bytes sent, or -1
	 */
	static long send(LibC libc, int sockfd, Pointer buf, long len, int flags) {
		return DIRECT ? Direct.send(sockfd, buf, len, flags) : libc.send(sockfd, buf, new NativeLong(len), flags).longValue();
	}

	/**
	 * {@code poll}.
	 * @param libc the C library, when there is no direct binding
	 * @param fds the {@code struct pollfd} array
	 * @param nfds its length
	 * @param timeout milliseconds, or -1 for none
	 * @return the descriptors ready, 0 on a timeout, or -1
	 */
	static int poll(LibC libc, Pointer fds, int nfds, int timeout) {
		return DIRECT ? Direct.poll(fds, nfds, timeout) : libc.poll(fds, new NativeLong(nfds), timeout);
	}

	/** The direct binding: names and parameters as the C library's, {@code size_t} as {@code long}. */
	private static final class Direct {

		static boolean bind() {
			try {
				Native.register(Direct.class, "c");
				return true;
			}
			catch (UnsatisfiedLinkError | RuntimeException ex) {
				logger.log(Level.DEBUG, () -> "No direct binding of the C library; mailslots call it through LibC: "
						+ ex.getMessage());
				return false;
			}
		}

		static native long recvmsg(int sockfd, Pointer msg, int flags);

		static native long send(int sockfd, Pointer buf, long len, int flags);

		// nfds_t: unsigned long on Linux, unsigned int on macOS; passed in a register either way
		static native int poll(Pointer fds, long nfds, int timeout);

	}

}
