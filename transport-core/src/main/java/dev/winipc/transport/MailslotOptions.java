package dev.winipc.transport;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a mailslot endpoint, shared by its reader and its writers.
 * <pre class="code">
 * MailslotOptions options = MailslotOptions.builder("HelloWorld")
 *         .maxMessageSize(4096)
 *         .readTimeout(Duration.ofSeconds(1))
 *         .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class MailslotOptions {

	/** Default maximum size of one message: 64 KiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;

	/** Default time a writer waits while the reader's queue is full. */
	public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);

	/** Longest finite read timeout: what a Win32 {@code DWORD} of milliseconds holds below its "forever". */
	public static final Duration MAX_READ_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	/** Largest maximum message size; one more byte must still fit a read buffer. */
	public static final int MAX_MESSAGE_SIZE_LIMIT = Integer.MAX_VALUE - 1;

	private final EndpointName name;

	private final int maxMessageSize;

	private final @Nullable Duration readTimeout;

	private final Duration sendTimeout;

	private final String access;

	private MailslotOptions(Builder builder) {
		this.name = builder.name;
		this.maxMessageSize = builder.maxMessageSize;
		this.readTimeout = builder.readTimeout;
		this.sendTimeout = builder.sendTimeout;
		this.access = builder.access;
	}

	/**
	 * Options with every default for the named mailslot.
	 * @param name the mailslot name, e.g. {@code HelloWorld}
	 * @return the options
	 */
	public static MailslotOptions of(String name) {
		return builder(name).build();
	}

	/**
	 * Start building options for the named mailslot.
	 * @param name the mailslot name, e.g. {@code HelloWorld} for {@code \\.\mailslot\HelloWorld}
	 * @return a builder
	 */
	public static Builder builder(String name) {
		return new Builder(EndpointName.mailslot(name));
	}

	/**
	 * Start building options from these ones.
	 * @return a builder holding these options
	 */
	public Builder toBuilder() {
		return new Builder(this.name).maxMessageSize(this.maxMessageSize)
			.readTimeout(this.readTimeout)
			.sendTimeout(this.sendTimeout)
			.access(this.access);
	}

	/** @return the mailslot's name */
	public EndpointName name() {
		return this.name;
	}

	/**
	 * The largest message, in bytes: a writer refuses a larger one before sending it, a
	 * reader refuses a larger one that arrives.
	 * @return the maximum message size
	 */
	public int maxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * How long a read waits for a message.
	 * @return the timeout, or {@code null} to wait until a message arrives or the reader
	 * is closed ({@code MAILSLOT_WAIT_FOREVER})
	 */
	public @Nullable Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * How long a write waits while the reader's queue is full, before it fails.
	 * @return the send timeout
	 */
	public Duration sendTimeout() {
		return this.sendTimeout;
	}

	/**
	 * Who may write: {@link PipeOptions#CURRENT_USER} (the default), or a wider grant —
	 * an SDDL string on Windows, an octal file mode such as {@code 0660} on POSIX.
	 * @return the access setting
	 */
	public String access() {
		return this.access;
	}

	/** @return whether only the current user may write, and writers write only to a slot of that user */
	public boolean isCurrentUserOnly() {
		return PipeOptions.CURRENT_USER.equals(this.access);
	}

	@Override
	public String toString() {
		return "MailslotOptions[name=" + this.name + ", maxMessageSize=" + this.maxMessageSize + ", readTimeout="
				+ ((this.readTimeout != null) ? this.readTimeout : "forever") + ", sendTimeout=" + this.sendTimeout
				+ ", access=" + this.access + "]";
	}

	/**
	 * Builder of {@link MailslotOptions}.
	 */
	public static final class Builder {

		private final EndpointName name;

		private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private @Nullable Duration readTimeout;

		private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

		private String access = PipeOptions.CURRENT_USER;

		private Builder(EndpointName name) {
			this.name = name;
		}

		/**
		 * @param maxMessageSize the largest message, 1 byte to 2 GiB - 2 bytes; default 64 KiB
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			if (maxMessageSize <= 0 || maxMessageSize > MAX_MESSAGE_SIZE_LIMIT) {
				throw new InvalidOptionException("maxMessageSize", maxMessageSize,
						"must be 1 to " + MAX_MESSAGE_SIZE_LIMIT);
			}
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * @param readTimeout how long a read waits for a message, zero to return at once;
		 * {@code null} (the default) waits until a message arrives
		 * @return this builder
		 */
		public Builder readTimeout(@Nullable Duration readTimeout) {
			if (readTimeout != null && (readTimeout.isNegative() || readTimeout.compareTo(MAX_READ_TIMEOUT) > 0)) {
				throw new InvalidOptionException("readTimeout", readTimeout, "must be 0 to " + MAX_READ_TIMEOUT.toMillis()
						+ "ms (about 24 days), or unset to wait until a message arrives");
			}
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * @param sendTimeout how long a write waits while the reader's queue is full;
		 * default 5 s
		 * @return this builder
		 */
		public Builder sendTimeout(Duration sendTimeout) {
			this.sendTimeout = InvalidOptionException.requireNotNegative("sendTimeout", sendTimeout);
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

		/** @return the options */
		public MailslotOptions build() {
			return new MailslotOptions(this);
		}

	}

}
