package dev.winipc.transport;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a pipe endpoint, shared by server and client.
 * <pre class="code">
 * PipeOptions options = PipeOptions.builder("orders")
 *         .mode(PipeMode.BYTE)
 *         .maxMessageSize(64 * 1024)
 *         .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class PipeOptions {

	/** Default maximum size of one inbound message: 1 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	/** Default maximum number of server instances (clients served at once). */
	public static final int DEFAULT_MAX_INSTANCES = 255;

	/** Default time a client keeps trying to connect. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Default size of the OS buffers and of one read. */
	public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

	/** The {@link #access()} value that grants the current user only. */
	public static final String CURRENT_USER = "current-user";

	/** What {@link Builder#access} accepts, for messages. */
	public static final String ACCESS_VALUES = "current-user, an SDDL string such as D:P(A;;GA;;;AU) (Windows) or an "
			+ "octal file mode such as 0660 (POSIX)";

	/** Most instances a Win32 pipe can have ({@code PIPE_UNLIMITED_INSTANCES}). */
	public static final int MAX_INSTANCES_LIMIT = 255;

	private final EndpointName name;

	private final PipeMode mode;

	private final int maxMessageSize;

	private final int maxInstances;

	private final Duration connectTimeout;

	private final int bufferSize;

	private final String access;

	private final BackOffPolicy backOff;

	private PipeOptions(Builder builder) {
		this.name = builder.name;
		this.mode = builder.mode;
		this.maxMessageSize = builder.maxMessageSize;
		this.maxInstances = builder.maxInstances;
		this.connectTimeout = builder.connectTimeout;
		this.bufferSize = builder.bufferSize;
		this.access = builder.access;
		this.backOff = builder.backOff;
	}

	/**
	 * Options with every default for the named pipe.
	 * @param name the pipe name
	 * @return the options
	 */
	public static PipeOptions of(String name) {
		return builder(name).build();
	}

	/**
	 * Start building options for the named pipe.
	 * @param name the pipe name
	 * @return a builder
	 */
	public static Builder builder(String name) {
		return new Builder(EndpointName.pipe(name));
	}

	/**
	 * Start building options from these ones.
	 * @return a builder holding these options
	 */
	public Builder toBuilder() {
		return new Builder(this.name).mode(this.mode)
			.maxMessageSize(this.maxMessageSize)
			.maxInstances(this.maxInstances)
			.connectTimeout(this.connectTimeout)
			.bufferSize(this.bufferSize)
			.access(this.access)
			.backOff(this.backOff);
	}

	/** @return the pipe's name */
	public EndpointName name() {
		return this.name;
	}

	/** @return how the pipe carries data */
	public PipeMode mode() {
		return this.mode;
	}

	/** @return the largest inbound message accepted, in bytes */
	public int maxMessageSize() {
		return this.maxMessageSize;
	}

	/** @return how many clients a server serves at once */
	public int maxInstances() {
		return this.maxInstances;
	}

	/** @return how long a client keeps trying to connect */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** @return the size of the OS buffers and of one read */
	public int bufferSize() {
		return this.bufferSize;
	}

	/**
	 * Who may connect: {@link #CURRENT_USER} (the default), or a wider grant — an SDDL
	 * string on Windows, an octal file mode such as {@code 0660} on POSIX.
	 * @return the access setting
	 */
	public String access() {
		return this.access;
	}

	/**
	 * The pauses between attempts to connect while the pipe is missing or busy, and
	 * between a client-role endpoint's reconnects.
	 * @return the back-off policy
	 */
	public BackOffPolicy backOff() {
		return this.backOff;
	}

	/** @return whether only the current user may connect */
	public boolean isCurrentUserOnly() {
		return CURRENT_USER.equals(this.access);
	}

	@Override
	public String toString() {
		return "PipeOptions[name=" + this.name + ", mode=" + this.mode + ", maxMessageSize=" + this.maxMessageSize
				+ ", maxInstances=" + this.maxInstances + ", connectTimeout=" + this.connectTimeout + ", access="
				+ this.access + ", backOff=" + this.backOff + "]";
	}

	/**
	 * Builder of {@link PipeOptions}.
	 */
	public static final class Builder {

		private final EndpointName name;

		private PipeMode mode = PipeMode.MESSAGE;

		private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private int maxInstances = DEFAULT_MAX_INSTANCES;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private int bufferSize = DEFAULT_BUFFER_SIZE;

		private String access = CURRENT_USER;

		private BackOffPolicy backOff = BackOffPolicy.DEFAULT;

		private Builder(EndpointName name) {
			this.name = name;
		}

		/**
		 * @param mode how the pipe carries data; default {@link PipeMode#MESSAGE}
		 * @return this builder
		 */
		public Builder mode(PipeMode mode) {
			this.mode = Objects.requireNonNull(mode, "mode must not be null");
			return this;
		}

		/**
		 * @param maxMessageSize the largest inbound message accepted; default 1 MiB
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			if (maxMessageSize <= 0) {
				throw new InvalidOptionException("maxMessageSize", maxMessageSize, "must be positive");
			}
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * @param maxInstances how many clients a server serves at once, 1 to 255;
		 * default 255
		 * @return this builder
		 */
		public Builder maxInstances(int maxInstances) {
			if (maxInstances < 1 || maxInstances > MAX_INSTANCES_LIMIT) {
				throw new InvalidOptionException("maxInstances", maxInstances, "must be 1 to " + MAX_INSTANCES_LIMIT);
			}
			this.maxInstances = maxInstances;
			return this;
		}

		/**
		 * @param connectTimeout how long a client keeps trying; default 5 s
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = InvalidOptionException.requireNotNegative("connectTimeout", connectTimeout);
			return this;
		}

		/**
		 * @param bufferSize the OS buffer size and read size; default 64 KiB
		 * @return this builder
		 */
		public Builder bufferSize(int bufferSize) {
			if (bufferSize <= 0) {
				throw new InvalidOptionException("bufferSize", bufferSize, "must be positive");
			}
			this.bufferSize = bufferSize;
			return this;
		}

		/**
		 * @param access {@link PipeOptions#CURRENT_USER}, an SDDL string (Windows) or an
		 * octal file mode (POSIX); {@code null} means current user
		 * @return this builder
		 * @throws InvalidOptionException if it is none of these
		 */
		public Builder access(@Nullable String access) {
			this.access = Access.check(access);
			return this;
		}

		/**
		 * @param backOff the pauses between connect attempts and reconnects; default
		 * {@link BackOffPolicy#DEFAULT}
		 * @return this builder
		 */
		public Builder backOff(BackOffPolicy backOff) {
			this.backOff = Objects.requireNonNull(backOff, "backOff must not be null");
			return this;
		}

		/** @return the options */
		public PipeOptions build() {
			return new PipeOptions(this);
		}

	}

}
