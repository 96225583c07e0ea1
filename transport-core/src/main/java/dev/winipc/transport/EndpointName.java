package dev.winipc.transport;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The name of an IPC endpoint as a Windows user writes it, with its fixed mapping to
 * each platform's object.
 * <p>
 * A pipe named {@code orders} is {@code \\.\pipe\orders} on Windows and the Unix
 * domain socket {@code $TMPDIR/CoreFxPipe_orders} on Linux and macOS ({@code /tmp} when
 * {@code TMPDIR} is unset) — the path .NET's {@code NamedPipeServerStream} uses there,
 * so .NET peers interoperate. An absolute POSIX path given as the name is used as it is.
 *
 * @since 0.1.0
 */
public final class EndpointName {

	/** Prefix of every Win32 local pipe path. */
	public static final String WINDOWS_PIPE_PREFIX = "\\\\.\\pipe\\";

	/** Prefix .NET gives a pipe's socket file on Unix. */
	public static final String POSIX_PIPE_PREFIX = "CoreFxPipe_";

	private final String name;

	private EndpointName(String name) {
		this.name = name;
	}

	/**
	 * Create an endpoint name.
	 * @param name the name as a Windows user writes it, e.g. {@code orders}; a full
	 * {@code \\.\pipe\orders} is accepted too
	 * @return the endpoint name
	 * @throws IllegalArgumentException if the name is empty or holds a NUL character
	 */
	public static EndpointName of(String name) {
		Objects.requireNonNull(name, "name must not be null");
		String bare = name.regionMatches(true, 0, WINDOWS_PIPE_PREFIX, 0, WINDOWS_PIPE_PREFIX.length())
				? name.substring(WINDOWS_PIPE_PREFIX.length()) : name;
		if (bare.isBlank() || bare.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Invalid endpoint name '" + name + "': it must be non-empty and hold no NUL");
		}
		return new EndpointName(bare);
	}

	/**
	 * Return the name as given, without any {@code \\.\pipe\} prefix.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the Win32 path of the pipe, {@code \\.\pipe\NAME}.
	 * @return the pipe path
	 */
	public String windowsPipePath() {
		return WINDOWS_PIPE_PREFIX + this.name;
	}

	/**
	 * Return the POSIX socket path of the pipe: the name itself when it is an absolute
	 * path, otherwise {@code $TMPDIR/CoreFxPipe_NAME}.
	 * @return the socket path
	 */
	public Path posixPipePath() {
		if (this.name.startsWith("/")) {
			return Path.of(this.name);
		}
		return posixTempDirectory().resolve(POSIX_PIPE_PREFIX + this.name);
	}

	/**
	 * Return the directory POSIX endpoints live in: {@code $TMPDIR}, or {@code /tmp}.
	 * @return the directory
	 */
	public static Path posixTempDirectory() {
		@Nullable String tmp = System.getenv("TMPDIR");
		return Path.of((tmp != null && !tmp.isBlank()) ? tmp : "/tmp");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof EndpointName that && this.name.equals(that.name));
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
