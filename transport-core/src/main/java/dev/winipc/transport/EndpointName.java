package dev.winipc.transport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The name of an IPC endpoint as a Windows user writes it, with its fixed mapping to
 * each platform's object: the one place where every kind's names are mapped.
 * <table>
 * <caption>Names by kind</caption>
 * <tr><th>kind</th><th>Windows</th><th>POSIX</th></tr>
 * <tr><td>pipe</td><td>{@code \\.\pipe\NAME}</td><td>Unix stream socket
 * {@code $TMPDIR/CoreFxPipe_NAME} (what .NET uses there)</td></tr>
 * <tr><td>mailslot</td><td>{@code \\.\mailslot\NAME}</td><td>Unix datagram socket
 * {@code $TMPDIR/winipc-mailslot-NAME}</td></tr>
 * <tr><td>shared memory</td><td>{@code Local\NAME} or {@code Global\NAME}</td><td>
 * {@code shm_open("/NAME")}, {@code /dev/shm/NAME} on Linux</td></tr>
 * <tr><td>mutex</td><td>{@code Local\NAME}</td><td>{@code flock} on
 * {@code $TMPDIR/winipc-mutex-NAME}</td></tr>
 * <tr><td>semaphore, event</td><td>{@code Local\NAME}</td><td>{@code sem_open("/NAME")},
 * {@code /dev/shm/sem.NAME} on Linux</td></tr>
 * </table>
 * {@code $TMPDIR} is {@code /tmp} when unset. For the socket kinds an absolute POSIX path
 * given as the name is used as it is. For the kernel-object kinds a {@code Local\} or
 * {@code Global\} prefix chooses the Windows namespace ({@code Local\} by default) and is
 * dropped on POSIX.
 * <pre class="code">
 * EndpointName orders = EndpointName.pipe("orders");
 * orders.windowsName();   // \\.\pipe\orders
 * orders.posixPath();     // /tmp/CoreFxPipe_orders
 * </pre>
 *
 * @since 0.1.0
 */
public final class EndpointName {

	/** Prefix of every Win32 local pipe path. */
	public static final String WINDOWS_PIPE_PREFIX = "\\\\.\\pipe\\";

	/** Prefix of every Win32 local mailslot path. */
	public static final String WINDOWS_MAILSLOT_PREFIX = "\\\\.\\mailslot\\";

	/** Prefix .NET gives a pipe's socket file on Unix. */
	public static final String POSIX_PIPE_PREFIX = "CoreFxPipe_";

	/** Prefix of a mailslot's socket file on POSIX. */
	public static final String POSIX_MAILSLOT_PREFIX = "winipc-mailslot-";

	/** Prefix of a mutex's lock file on POSIX. */
	public static final String POSIX_MUTEX_PREFIX = "winipc-mutex-";

	/** The Windows namespace of a session's own kernel objects. */
	public static final String LOCAL_NAMESPACE = "Local";

	/** The Windows namespace shared by every session. */
	public static final String GLOBAL_NAMESPACE = "Global";

	/** Where Linux keeps POSIX shared memory and named semaphores. */
	private static final Path LINUX_SHM = Path.of("/dev/shm");

	private final Kind kind;

	private final String name;

	private final String namespace;

	private EndpointName(Kind kind, String name, String namespace) {
		this.kind = kind;
		this.name = name;
		this.namespace = namespace;
	}

	/**
	 * Create a pipe's name.
	 * @param name e.g. {@code orders}; a full {@code \\.\pipe\orders} is accepted too
	 * @return the endpoint name
	 * @throws IllegalArgumentException if the name is empty or holds a NUL character
	 */
	public static EndpointName pipe(String name) {
		return of(Kind.PIPE, name);
	}

	/**
	 * Create a mailslot's name.
	 * @param name e.g. {@code HelloWorld}; a full {@code \\.\mailslot\HelloWorld} is
	 * accepted too
	 * @return the endpoint name
	 * @throws IllegalArgumentException if the name is empty or holds a NUL character
	 */
	public static EndpointName mailslot(String name) {
		return of(Kind.MAILSLOT, name);
	}

	/**
	 * Create a shared-memory segment's name.
	 * @param name e.g. {@code Local\HelloWorld}, {@code Global\ticks} or {@code ticks}
	 * @return the endpoint name
	 * @throws IllegalArgumentException if the name is empty, holds a NUL character, or
	 * a backslash or slash after its namespace
	 */
	public static EndpointName sharedMemory(String name) {
		return of(Kind.SHARED_MEMORY, name);
	}

	/**
	 * Create the name of an endpoint of any kind.
	 * @param kind what the endpoint is
	 * @param name the name as a Windows user writes it
	 * @return the endpoint name
	 * @throws IllegalArgumentException if the name is not valid for the kind
	 */
	public static EndpointName of(Kind kind, String name) {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(name, "name must not be null");
		String bare = name;
		String namespace = LOCAL_NAMESPACE;
		if (kind.windowsPrefix != null) {
			bare = stripPrefix(name, kind.windowsPrefix);
		}
		else {
			for (String candidate : new String[] { LOCAL_NAMESPACE, GLOBAL_NAMESPACE }) {
				if (name.regionMatches(true, 0, candidate + "\\", 0, candidate.length() + 1)) {
					namespace = candidate;
					bare = name.substring(candidate.length() + 1);
				}
			}
			if (bare.indexOf('\\') >= 0 || bare.indexOf('/') >= 0) {
				throw new IllegalArgumentException("Invalid " + kind.description + " name '" + name
						+ "': after its Local\\ or Global\\ namespace it must hold no backslash or slash");
			}
		}
		if (bare.isBlank() || bare.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(
					"Invalid " + kind.description + " name '" + name + "': it must be non-empty and hold no NUL");
		}
		return new EndpointName(kind, bare, namespace);
	}

	private static String stripPrefix(String name, String prefix) {
		return name.regionMatches(true, 0, prefix, 0, prefix.length()) ? name.substring(prefix.length()) : name;
	}

	/**
	 * Return what the endpoint is.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return the name without any Win32 prefix or namespace.
	 * @return e.g. {@code orders}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the Windows namespace of a kernel-object name.
	 * @return {@code Local} or {@code Global}; {@code Local} for pipes and mailslots,
	 * which have none
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Return the object's Win32 name.
	 * @return e.g. {@code \\.\pipe\orders}, {@code \\.\mailslot\HelloWorld} or
	 * {@code Local\HelloWorld}
	 */
	public String windowsName() {
		return (this.kind.windowsPrefix != null) ? this.kind.windowsPrefix + this.name
				: this.namespace + "\\" + this.name;
	}

	/**
	 * Return the POSIX file of the object: the socket of a pipe or mailslot, the lock
	 * file of a mutex, and on Linux the file {@code shm_open} or {@code sem_open} makes.
	 * @return e.g. {@code /tmp/CoreFxPipe_orders} or {@code /dev/shm/HelloWorld}
	 */
	public Path posixPath() {
		return switch (this.kind) {
			case PIPE, MAILSLOT, MUTEX -> this.name.startsWith("/") ? Path.of(this.name)
					: posixTempDirectory().resolve(this.kind.posixPrefix + this.name);
			case SHARED_MEMORY -> LINUX_SHM.resolve(this.name);
			case SEMAPHORE, EVENT -> LINUX_SHM.resolve("sem." + this.name);
		};
	}

	/**
	 * Return the name a POSIX call takes: {@code /NAME} for {@code shm_open} and
	 * {@code sem_open}, the file's path for the other kinds.
	 * @return e.g. {@code /HelloWorld} or {@code /tmp/CoreFxPipe_orders}
	 */
	public String posixName() {
		return switch (this.kind) {
			case SHARED_MEMORY, SEMAPHORE, EVENT -> "/" + this.name;
			default -> posixPath().toString();
		};
	}

	/**
	 * Return the directory POSIX socket and lock files live in: {@code $TMPDIR}, or
	 * {@code /tmp}.
	 * @return the directory
	 */
	public static Path posixTempDirectory() {
		@Nullable String tmp = System.getenv("TMPDIR");
		return Path.of((tmp != null && !tmp.isBlank()) ? tmp : "/tmp");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof EndpointName that && this.kind == that.kind
				&& this.name.equals(that.name) && this.namespace.equals(that.namespace));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.name, this.namespace);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * What an endpoint is; each kind has its own names on each platform.
	 */
	public enum Kind {

		/** A named pipe. */
		PIPE("pipe", WINDOWS_PIPE_PREFIX, POSIX_PIPE_PREFIX),

		/** A mailslot. */
		MAILSLOT("mailslot", WINDOWS_MAILSLOT_PREFIX, POSIX_MAILSLOT_PREFIX),

		/** A named shared-memory segment (a file mapping on Windows). */
		SHARED_MEMORY("shared-memory", null, null),

		/** A named mutex. */
		MUTEX("mutex", null, POSIX_MUTEX_PREFIX),

		/** A named semaphore. */
		SEMAPHORE("semaphore", null, null),

		/** A named event. */
		EVENT("event", null, null);

		private final String description;

		private final @Nullable String windowsPrefix;

		private final @Nullable String posixPrefix;

		Kind(String description, @Nullable String windowsPrefix, @Nullable String posixPrefix) {
			this.description = description;
			this.windowsPrefix = windowsPrefix;
			this.posixPrefix = posixPrefix;
		}

		/**
		 * Return the kind as configuration and the {@code winipc_transport} header write
		 * it.
		 * @return e.g. {@code pipe} or {@code shared-memory}
		 */
		public String description() {
			return this.description;
		}

		@Override
		public String toString() {
			return this.description.toLowerCase(Locale.ROOT);
		}

	}

}
