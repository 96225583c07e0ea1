package dev.winipc.transport;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a named mutex, semaphore or event: its name, whether a missing
 * one is created, who may use it, and what only its kind has (a semaphore's counts, an
 * event's reset mode and initial state).
 * <pre class="code">
 * SyncOptions lock = SyncOptions.mutex("Local\\orders-file").build();
 * SyncOptions workers = SyncOptions.semaphore("workers").maximumCount(4).build();
 * SyncOptions ready = SyncOptions.event("Local\\HelloWorldReady").manualReset(true).build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SyncOptions {

	/** By default a missing object is created: {@code create} means create-or-open. */
	public static final boolean DEFAULT_CREATE = true;

	/** The default maximum count of a semaphore: 1, a binary semaphore. */
	public static final int DEFAULT_MAXIMUM_COUNT = 1;

	/** The largest maximum count: what a Win32 {@code LONG} and POSIX {@code SEM_VALUE_MAX} hold. */
	public static final int MAX_COUNT = Integer.MAX_VALUE;

	/** By default an event is auto-reset: a wait that sees it set resets it. */
	public static final boolean DEFAULT_MANUAL_RESET = false;

	/** By default a created event starts reset. */
	public static final boolean DEFAULT_INITIAL_STATE = false;

	private final EndpointName name;

	private final boolean create;

	private final String access;

	private final int initialCount;

	private final int maximumCount;

	private final boolean manualReset;

	private final boolean initialState;

	private SyncOptions(Builder builder) {
		this.name = builder.name;
		this.create = builder.create;
		this.access = builder.access;
		this.maximumCount = builder.maximumCount;
		this.initialCount = (builder.initialCount != null) ? builder.initialCount : builder.maximumCount;
		this.manualReset = builder.manualReset;
		this.initialState = builder.initialState;
	}

	/**
	 * Start building options for a named mutex.
	 * @param name e.g. {@code Local\orders-file}, {@code Global\orders-file} or
	 * {@code orders-file}
	 * @return a builder
	 * @throws IllegalArgumentException if the name is not a valid mutex name
	 */
	public static Builder mutex(String name) {
		return new Builder(EndpointName.of(EndpointName.Kind.MUTEX, name));
	}

	/**
	 * Start building options for a named semaphore.
	 * @param name e.g. {@code Local\workers} or {@code workers}
	 * @return a builder
	 * @throws IllegalArgumentException if the name is not a valid semaphore name
	 */
	public static Builder semaphore(String name) {
		return new Builder(EndpointName.of(EndpointName.Kind.SEMAPHORE, name));
	}

	/**
	 * Start building options for a named event.
	 * @param name e.g. {@code Local\HelloWorldReady} or {@code ready}
	 * @return a builder
	 * @throws IllegalArgumentException if the name is not a valid event name
	 */
	public static Builder event(String name) {
		return new Builder(EndpointName.of(EndpointName.Kind.EVENT, name));
	}

	/** @return the object's name; its kind says what the object is */
	public EndpointName name() {
		return this.name;
	}

	/** @return whether a missing object is created (an existing one is always opened) */
	public boolean create() {
		return this.create;
	}

	/**
	 * Who may use the object: {@link PipeOptions#CURRENT_USER} (the default: an object of
	 * another user is refused), an SDDL string on Windows or an octal file mode such as
	 * {@code 0660} on POSIX, which also accepts an existing object of another user.
	 * @return the access setting
	 */
	public String access() {
		return this.access;
	}

	/** @return whether only the current user may use the object */
	public boolean isCurrentUserOnly() {
		return PipeOptions.CURRENT_USER.equals(this.access);
	}

	/** @return a semaphore's count when this call creates it; the maximum unless set */
	public int initialCount() {
		return this.initialCount;
	}

	/** @return the most a semaphore's count may reach; a release beyond it fails */
	public int maximumCount() {
		return this.maximumCount;
	}

	/** @return whether an event stays set until reset, rather than resetting as one wait sees it */
	public boolean manualReset() {
		return this.manualReset;
	}

	/** @return whether an event this call creates starts set */
	public boolean initialState() {
		return this.initialState;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("SyncOptions[").append(this.name.kind())
			.append(' ')
			.append(this.name.windowsName())
			.append(", create=")
			.append(this.create)
			.append(", access=")
			.append(this.access);
		if (this.name.kind() == EndpointName.Kind.SEMAPHORE) {
			text.append(", initialCount=").append(this.initialCount).append(", maximumCount=").append(this.maximumCount);
		}
		if (this.name.kind() == EndpointName.Kind.EVENT) {
			text.append(", manualReset=").append(this.manualReset).append(", initialState=").append(this.initialState);
		}
		return text.append(']').toString();
	}

	/**
	 * Builder of {@link SyncOptions}. Each setter checks its value; {@link #build()}
	 * checks the settings against the kind.
	 */
	public static final class Builder {

		private final EndpointName name;

		private boolean create = DEFAULT_CREATE;

		private String access = PipeOptions.CURRENT_USER;

		private @Nullable Integer initialCount;

		private int maximumCount = DEFAULT_MAXIMUM_COUNT;

		private boolean manualReset = DEFAULT_MANUAL_RESET;

		private boolean initialState = DEFAULT_INITIAL_STATE;

		private Builder(EndpointName name) {
			this.name = Objects.requireNonNull(name, "name must not be null");
		}

		/**
		 * @param create whether a missing object is created; default {@code true}
		 * @return this builder
		 */
		public Builder create(boolean create) {
			this.create = create;
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
		 * @param initialCount a semaphore's count when this call creates it, 0 to its
		 * maximum count; default the maximum count
		 * @return this builder
		 */
		public Builder initialCount(int initialCount) {
			if (initialCount < 0) {
				throw new InvalidOptionException("initialCount", initialCount, "must not be negative");
			}
			this.initialCount = initialCount;
			return this;
		}

		/**
		 * @param maximumCount the most a semaphore's count may reach, 1 to
		 * {@value SyncOptions#MAX_COUNT}; default 1
		 * @return this builder
		 */
		public Builder maximumCount(int maximumCount) {
			if (maximumCount < 1) {
				throw new InvalidOptionException("maximumCount", maximumCount, "must be 1 to " + MAX_COUNT);
			}
			this.maximumCount = maximumCount;
			return this;
		}

		/**
		 * @param manualReset whether an event stays set until reset; default
		 * {@code false} (auto-reset)
		 * @return this builder
		 */
		public Builder manualReset(boolean manualReset) {
			this.manualReset = manualReset;
			return this;
		}

		/**
		 * @param initialState whether an event this call creates starts set; default
		 * {@code false}
		 * @return this builder
		 */
		public Builder initialState(boolean initialState) {
			this.initialState = initialState;
			return this;
		}

		/**
		 * Check the settings against the kind and build the options.
		 * @return the options
		 * @throws InvalidOptionException if a setting does not apply to the kind, or the
		 * initial count exceeds the maximum count
		 */
		public SyncOptions build() {
			EndpointName.Kind kind = this.name.kind();
			if (kind != EndpointName.Kind.SEMAPHORE) {
				if (this.initialCount != null) {
					throw new InvalidOptionException("initialCount", this.initialCount, "applies to a semaphore, not "
							+ "to " + withArticle(kind));
				}
				if (this.maximumCount != DEFAULT_MAXIMUM_COUNT) {
					throw new InvalidOptionException("maximumCount", this.maximumCount, "applies to a semaphore, not "
							+ "to " + withArticle(kind));
				}
			}
			else if (this.initialCount != null && this.initialCount > this.maximumCount) {
				throw new InvalidOptionException("initialCount", this.initialCount,
						"must not exceed maximumCount (" + this.maximumCount + ")");
			}
			// A setting another kind does not have is refused when it asks for more than
			// that kind's default behaviour; its default value says nothing.
			if (kind != EndpointName.Kind.EVENT) {
				if (this.manualReset != DEFAULT_MANUAL_RESET) {
					throw new InvalidOptionException("manualReset", this.manualReset,
							"applies to an event, not to " + withArticle(kind));
				}
				if (this.initialState != DEFAULT_INITIAL_STATE) {
					throw new InvalidOptionException("initialState", this.initialState,
							"applies to an event, not to " + withArticle(kind));
				}
			}
			return new SyncOptions(this);
		}

		private static String withArticle(EndpointName.Kind kind) {
			return ((kind == EndpointName.Kind.EVENT) ? "an " : "a ") + kind.description();
		}

	}

}
