package dev.winipc.posix;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.HashMap;
import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * Turns the JDK's socket exceptions, which carry only {@code strerror} text, back into
 * the errno name and number of this OS, so errors read
 * {@code connect(/tmp/CoreFxPipe_orders) failed: ECONNREFUSED (111) Connection refused}.
 *
 * @since 0.1.0
 */
public final class PosixErrors {

	/** The errno names winipc reports; their numbers are read from this OS's libc. */
	private static final String[] NAMES = { "EPERM", "ENOENT", "EINTR", "EIO", "EBADF", "EAGAIN", "ENOMEM", "EACCES",
			"EEXIST", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOSPC", "EROFS", "EPIPE", "ENAMETOOLONG",
			"ENOTSOCK", "EMSGSIZE", "EPROTOTYPE", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ECONNABORTED",
			"ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ETIMEDOUT", "ECONNREFUSED" };

	/** Linux numbers of {@link #NAMES}; macOS numbers follow. */
	private static final int[] LINUX = { 1, 2, 4, 5, 9, 11, 12, 13, 17, 20, 21, 22, 23, 24, 28, 30, 32, 36, 88, 90,
			91, 98, 99, 100, 103, 104, 105, 106, 107, 110, 111 };

	private static final int[] DARWIN = { 1, 2, 4, 5, 9, 35, 12, 13, 17, 20, 21, 22, 23, 24, 28, 30, 32, 63, 38, 40,
			41, 48, 49, 50, 53, 54, 55, 56, 57, 60, 61 };

	private static final Map<String, Errno> BY_TEXT = load();

	private PosixErrors() {
	}

	/**
	 * Build the exception for a failed call on an endpoint.
	 * @param operation the call, e.g. {@code connect}
	 * @param path the endpoint's path
	 * @param cause what the JDK threw
	 * @return the exception naming the errno where it can be recognised
	 */
	public static IpcException of(String operation, Object path, IOException cause) {
		if (cause instanceof IpcException ipc) {
			return ipc;
		}
		if (cause instanceof ClosedChannelException) {
			return new IpcException(operation, path.toString(), "EBADF", errno("EBADF"), "endpoint closed", cause);
		}
		@Nullable String text = cause.getMessage();
		@Nullable Errno errno = (text != null) ? BY_TEXT.get(text) : null;
		if (errno != null) {
			return new IpcException(operation, path.toString(), errno.name(), errno.code(), text, cause);
		}
		return new IpcException(operation, path.toString(), null, -1,
				(text != null) ? text : cause.getClass().getSimpleName(), cause);
	}

	/**
	 * Build the exception for a known errno that the JDK does not raise itself.
	 * @param operation the call
	 * @param path the endpoint's path
	 * @param name the errno name, one of those this class knows
	 * @param detail what went wrong
	 * @return the exception
	 */
	public static IpcException of(String operation, Object path, String name, String detail) {
		return new IpcException(operation, path.toString(), name, errno(name), detail, null);
	}

	static int errno(String name) {
		int[] numbers = isDarwin() ? DARWIN : LINUX;
		for (int i = 0; i < NAMES.length; i++) {
			if (NAMES[i].equals(name)) {
				return numbers[i];
			}
		}
		return -1;
	}

	private static boolean isDarwin() {
		return System.getProperty("os.name", "").startsWith("Mac");
	}

	private static Map<String, Errno> load() {
		Map<String, Errno> byText = new HashMap<>();
		int[] numbers = isDarwin() ? DARWIN : LINUX;
		try {
			LibC libc = Native.load("c", LibC.class);
			for (int i = 0; i < NAMES.length; i++) {
				byText.put(libc.strerror(numbers[i]), new Errno(NAMES[i], numbers[i]));
			}
		}
		catch (UnsatisfiedLinkError ex) {
			// No libc to ask: errors still carry the OS text, without name and number.
		}
		return byText;
	}

	private record Errno(String name, int code) {
	}

	private interface LibC extends Library {

		String strerror(int errnum);

	}

}
