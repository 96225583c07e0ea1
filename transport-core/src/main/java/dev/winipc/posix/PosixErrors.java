package dev.winipc.posix;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * Turns the JDK's socket exceptions, which carry only {@code strerror} text, back into
 * the errno name and number of this OS, so errors read
 * {@code connect(/tmp/CoreFxPipe_orders) failed: ECONNREFUSED (111) Connection refused}.
 * <p>
 * The text of each errno is read from the C library once, when {@link PosixIpcPlatform}
 * is created ({@link #load(LibC)}): loading a native library later, during a JVM
 * shutdown say, would fail.
 *
 * @since 0.1.0
 */
public final class PosixErrors {

	/** The errno names winipc reports; their numbers are read from this OS's libc. */
	private static final String[] NAMES = { "EPERM", "ENOENT", "EINTR", "EIO", "EBADF", "EAGAIN", "ENOMEM", "EACCES",
			"EEXIST", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOSPC", "EROFS", "EPIPE", "ENAMETOOLONG",
			"ENOTSOCK", "EMSGSIZE", "EPROTOTYPE", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ECONNABORTED",
			"ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ETIMEDOUT", "ECONNREFUSED", "ELOOP", "EOVERFLOW",
			"ENOTSUP" };

	/** Linux numbers of {@link #NAMES}; macOS numbers follow. */
	private static final int[] LINUX = { 1, 2, 4, 5, 9, 11, 12, 13, 17, 20, 21, 22, 23, 24, 28, 30, 32, 36, 88, 90,
			91, 98, 99, 100, 103, 104, 105, 106, 107, 110, 111, 40, 75, 95 };

	private static final int[] DARWIN = { 1, 2, 4, 5, 9, 35, 12, 13, 17, 20, 21, 22, 23, 24, 28, 30, 32, 63, 38, 40,
			41, 48, 49, 50, 53, 54, 55, 56, 57, 60, 61, 62, 84, 45 };

	private static final boolean DARWIN_OS = System.getProperty("os.name", "").startsWith("Mac");

	/** This OS's numbers of {@link #NAMES}. */
	private static final int[] NUMBERS = DARWIN_OS ? DARWIN : LINUX;

	/** Looked up on retry loops' paths (EINTR, EAGAIN): a map, built once. */
	private static final Map<String, Integer> NUMBER_BY_NAME = numberByName();

	private static volatile Map<String, Errno> byText = Map.of();

	private static volatile Map<Integer, String> textByCode = Map.of();

	private PosixErrors() {
	}

	/**
	 * Read the text of every known errno from the C library, once per process.
	 * @param libc the C library
	 */
	static void load(LibC libc) {
		if (!byText.isEmpty()) {
			return;
		}
		Map<String, Errno> texts = new HashMap<>();
		Map<Integer, String> codes = new HashMap<>();
		for (int i = 0; i < NAMES.length; i++) {
			String text = libc.strerror(NUMBERS[i]);
			texts.put(text, new Errno(NAMES[i], NUMBERS[i]));
			codes.put(NUMBERS[i], text);
		}
		byText = Map.copyOf(texts);
		textByCode = Map.copyOf(codes);
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
		@Nullable Errno errno = (text != null) ? byText.get(text) : null;
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

	/**
	 * Build the exception for a C library call that failed with an errno, as JNA
	 * reports it.
	 * @param operation the call, e.g. {@code connect}
	 * @param path the endpoint's path
	 * @param code the errno
	 * @param detail a further explanation, or {@code null}
	 * @return e.g. {@code connect(/tmp/winipc-mailslot-x) failed: ENOENT (2) No such file
	 * or directory: no reader has created the mailslot}
	 */
	static IpcException of(String operation, Object path, int code, @Nullable String detail) {
		@Nullable String text = textByCode.get(code);
		boolean detailed = detail != null && !detail.isEmpty();
		String described = (text != null && detailed) ? text + ": " + detail
				: (text != null) ? text : (detailed ? detail : "");
		return new IpcException(operation, path.toString(), nameOf(code), code, described, null);
	}

	static int errno(String name) {
		return NUMBER_BY_NAME.getOrDefault(name, -1);
	}

	/**
	 * Return the name of an errno number.
	 * @param code the number
	 * @return e.g. {@code ENOENT}, or {@code null} for one this class does not know
	 */
	static @Nullable String nameOf(int code) {
		for (int i = 0; i < NUMBERS.length; i++) {
			if (NUMBERS[i] == code) {
				return NAMES[i];
			}
		}
		return null;
	}

	static boolean isDarwin() {
		return DARWIN_OS;
	}

	private static Map<String, Integer> numberByName() {
		Map<String, Integer> numbers = new HashMap<>();
		for (int i = 0; i < NAMES.length; i++) {
			numbers.put(NAMES[i], NUMBERS[i]);
		}
		return Map.copyOf(numbers);
	}

	private record Errno(String name, int code) {
	}

}
