package dev.winipc.transport;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a named shared-memory region.
 * <pre class="code">
 * SharedRegionOptions options = SharedRegionOptions.builder("Local\\HelloWorld")
 *         .size(256)
 *         .create(false)
 *         .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SharedRegionOptions {

	/** Default size of a region: 4 KiB. */
	public static final int DEFAULT_SIZE = 4096;

	/** The largest region winipc maps: 1 GiB plus room for a layout's header and trailer. */
	public static final int MAX_SIZE = (1 << 30) + 64 * 1024;

	/** By default a missing region is created: {@code create} means create-or-open. */
	public static final boolean DEFAULT_CREATE = true;

	/** By default a region outlives the endpoint that created it. */
	public static final boolean DEFAULT_REMOVE_ON_CLOSE = false;

	private final EndpointName name;

	private final int size;

	private final boolean create;

	private final boolean removeOnClose;

	private final String access;

	private SharedRegionOptions(Builder builder) {
		this.name = builder.name;
		this.size = builder.size;
		this.create = builder.create;
		this.removeOnClose = builder.removeOnClose;
		this.access = builder.access;
	}

	/**
	 * Start building options for a region.
	 * @param name e.g. {@code Local\HelloWorld}, {@code Global\ticks} or {@code ticks}
	 * @return a builder
	 * @throws IllegalArgumentException if the name is not a valid shared-memory name
	 */
	public static Builder builder(String name) {
		return new Builder(EndpointName.sharedMemory(name));
	}

	/** @return the region's name */
	public EndpointName name() {
		return this.name;
	}

	/** @return how many bytes are mapped, and how large a created region is */
	public int size() {
		return this.size;
	}

	/** @return whether a missing region is created (an existing one is always opened) */
	public boolean create() {
		return this.create;
	}

	/** @return whether closing removes the region's name (POSIX {@code shm_unlink}) */
	public boolean removeOnClose() {
		return this.removeOnClose;
	}

	/**
	 * Who may use the region: {@link PipeOptions#CURRENT_USER} (the default: a region of
	 * another user is refused), an SDDL string on Windows or an octal file mode such as
	 * {@code 0660} on POSIX, which also accepts an existing region of another user.
	 * @return the access setting
	 */
	public String access() {
		return this.access;
	}

	/** @return whether only the current user may use the region */
	public boolean isCurrentUserOnly() {
		return PipeOptions.CURRENT_USER.equals(this.access);
	}

	@Override
	public String toString() {
		return "SharedRegionOptions[name=" + this.name + ", size=" + this.size + ", create=" + this.create
				+ ", removeOnClose=" + this.removeOnClose + ", access=" + this.access + "]";
	}

	/**
	 * Builder of {@link SharedRegionOptions}.
	 */
	public static final class Builder {

		private final EndpointName name;

		private int size = DEFAULT_SIZE;

		private boolean create = DEFAULT_CREATE;

		private boolean removeOnClose = DEFAULT_REMOVE_ON_CLOSE;

		private String access = PipeOptions.CURRENT_USER;

		private Builder(EndpointName name) {
			this.name = name;
		}

		/**
		 * @param size bytes to map, 1 to {@link SharedRegionOptions#MAX_SIZE}; default 4 KiB
		 * @return this builder
		 */
		public Builder size(long size) {
			if (size < 1 || size > MAX_SIZE) {
				throw new InvalidOptionException("size", size, "must be 1 to " + MAX_SIZE + " bytes");
			}
			this.size = (int) size;
			return this;
		}

		/**
		 * @param create whether a missing region is created; default {@code true}
		 * @return this builder
		 */
		public Builder create(boolean create) {
			this.create = create;
			return this;
		}

		/**
		 * @param removeOnClose whether closing removes the region's name; default
		 * {@code false}
		 * @return this builder
		 */
		public Builder removeOnClose(boolean removeOnClose) {
			this.removeOnClose = removeOnClose;
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
		public SharedRegionOptions build() {
			return new SharedRegionOptions(this);
		}

	}

}
