package dev.winipc.posix;

import java.nio.charset.Charset;
import java.nio.file.Path;

import dev.winipc.transport.IpcException;

/**
 * The length limit of a Unix domain socket's path: {@code sun_path} holds 108 bytes on
 * Linux and 104 on macOS, the terminating NUL included. A longer path can still be
 * created as a file, but no socket can be bound to or reached at it, so every endpoint
 * checks its path before it binds or connects.
 *
 * @since 0.1.0
 */
final class UnixSocketPaths {

	/** The longest socket path on Linux, without its NUL. */
	static final int LINUX_LIMIT = 107;

	/** The longest socket path on macOS, without its NUL. */
	static final int DARWIN_LIMIT = 103;

	private UnixSocketPaths() {
	}

	/**
	 * Fail unless a socket can live at the path.
	 * @param operation the call about to be made, e.g. {@code bind}
	 * @param path the socket's path
	 * @throws IpcException {@code ENAMETOOLONG}, naming the path, its length and the
	 * limit, if it is too long
	 */
	static void requireFits(String operation, Path path) throws IpcException {
		int limit = PosixErrors.isDarwin() ? DARWIN_LIMIT : LINUX_LIMIT;
		// The JDK encodes socket paths as it encodes file names.
		int length = path.toString().getBytes(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))).length;
		if (length > limit) {
			throw PosixErrors.of(operation, path, "ENAMETOOLONG", "the socket path is " + length
					+ " bytes long, but a Unix domain socket path holds at most " + limit + " bytes on this OS; "
					+ "use a shorter name, or set TMPDIR to a shorter directory");
		}
	}

}
