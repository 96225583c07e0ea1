package dev.winipc.shm;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.EndpointName;
import dev.winipc.transport.InvalidOptionException;
import dev.winipc.transport.SharedRegionOptions;
import dev.winipc.transport.SyncOptions;

/**
 * Immutable settings of a shared-memory endpoint: the segment (its name, whether it is
 * created, removed on close, who may use it), its layout and size, and how readers and
 * writers wait.
 * <pre class="code">
 * SharedMemoryOptions ticks = SharedMemoryOptions.builder("ticks")
 *         .capacity(1 &lt;&lt; 20)                         // a ring with 1 MiB of records
 *         .build();
 * SharedMemoryOptions hello = SharedMemoryOptions.builder("Local\\HelloWorld")
 *         .layout(SharedMemoryLayout.REGION)
 *         .size(256)
 *         .encoding(RegionEncoding.UTF_16LE)
 *         .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SharedMemoryOptions {

	/** The default layout: a ring. */
	public static final SharedMemoryLayout DEFAULT_LAYOUT = SharedMemoryLayout.RING;

	/** The default bytes of record space of a ring: 1 MiB. */
	public static final int DEFAULT_CAPACITY = 1 << 20;

	/** The default bytes of content of a region: 4 KiB. */
	public static final int DEFAULT_SIZE = SharedRegionOptions.DEFAULT_SIZE;

	/** The default idle strategy. */
	public static final IdleStrategyType DEFAULT_IDLE_STRATEGY = IdleStrategyType.BACKOFF;

	/** The default poll interval: 1 ms. */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(1);

	/** The default encoding. */
	public static final RegionEncoding DEFAULT_ENCODING = RegionEncoding.BYTES;

	/** The default time a write waits for room in a full ring: 5 s. */
	public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(5);

	private final SharedRegionOptions region;

	private final SharedMemoryLayout layout;

	private final int capacity;

	private final int size;

	private final IdleStrategyType idleStrategy;

	private final Duration pollInterval;

	private final RegionEncoding encoding;

	private final Duration sendTimeout;

	private final @Nullable SyncOptions signalEvent;

	private SharedMemoryOptions(Builder builder) {
		this.layout = builder.layout;
		this.capacity = builder.capacity;
		this.size = builder.size;
		this.idleStrategy = builder.idleStrategy;
		this.pollInterval = builder.pollInterval;
		this.encoding = builder.encoding;
		this.sendTimeout = builder.sendTimeout;
		this.region = builder.region.size(segmentSize(builder.layout, builder.capacity, builder.size)).build();
		this.signalEvent = (builder.signalEvent != null)
				? SyncOptions.event(builder.signalEvent).access(this.region.access()).build() : null;
	}

	/**
	 * Start building options.
	 * @param name the segment's name, e.g. {@code ticks} or {@code Local\HelloWorld}
	 * @return a builder
	 * @throws IllegalArgumentException if the name is not a valid shared-memory name
	 */
	public static Builder builder(String name) {
		return new Builder(SharedRegionOptions.builder(name));
	}

	/**
	 * Return the size of the segment a layout needs.
	 * @param layout the layout
	 * @param capacity a ring's record space
	 * @param size a region's content
	 * @return the bytes to map
	 */
	static long segmentSize(SharedMemoryLayout layout, long capacity, long size) {
		return switch (layout) {
			case RING -> RingDescriptor.segmentSize((int) capacity);
			case REGION -> size;
			case SEQLOCK -> SeqlockDescriptor.HEADER_LENGTH + size;
		};
	}

	/** @return the segment's name */
	public EndpointName name() {
		return this.region.name();
	}

	/** @return the settings of the segment itself, its size the whole layout's */
	public SharedRegionOptions regionOptions() {
		return this.region;
	}

	/** @return the layout */
	public SharedMemoryLayout layout() {
		return this.layout;
	}

	/** @return a ring's bytes of record space, a power of two */
	public int capacity() {
		return this.capacity;
	}

	/** @return a region's bytes of content */
	public int size() {
		return this.size;
	}

	/** @return how a ring's reader, and a writer facing a full ring, wait */
	public IdleStrategyType idleStrategy() {
		return this.idleStrategy;
	}

	/**
	 * The longest pause of {@link IdleStrategyType#BACKOFF}, the pause of
	 * {@link IdleStrategyType#SLEEP}, and how often a region's reader looks at it (unless
	 * it waits on a {@link #signalEvent() signal event}).
	 * @return the poll interval
	 */
	public Duration pollInterval() {
		return this.pollInterval;
	}

	/** @return how a region's content is delimited and encoded */
	public RegionEncoding encoding() {
		return this.encoding;
	}

	/** @return how long a write waits for room in a full ring before it fails */
	public Duration sendTimeout() {
		return this.sendTimeout;
	}

	/**
	 * The named event a region's writer sets after each write and its reader waits on
	 * instead of polling: the classic "write, then signal". An auto-reset event created
	 * if missing, with the region's access; the reader resets it before each read, so an
	 * event a peer made manual-reset works too.
	 * @return the event's settings, or {@code null} when the region is polled
	 */
	public @Nullable SyncOptions signalEvent() {
		return this.signalEvent;
	}

	@Override
	public String toString() {
		return "SharedMemoryOptions[" + this.region + ", layout=" + this.layout + ", capacity=" + this.capacity
				+ ", size=" + this.size + ", idleStrategy=" + this.idleStrategy + ", pollInterval=" + this.pollInterval
				+ ", encoding=" + this.encoding + ", sendTimeout=" + this.sendTimeout
				+ ((this.signalEvent != null) ? ", signalEvent=" + this.signalEvent.name().windowsName() : "") + "]";
	}

	/**
	 * Builder of {@link SharedMemoryOptions}. Each setter checks its value; {@link #build()}
	 * checks the settings against the layout.
	 */
	public static final class Builder {

		private final SharedRegionOptions.Builder region;

		private SharedMemoryLayout layout = DEFAULT_LAYOUT;

		private int capacity = DEFAULT_CAPACITY;

		private int size = DEFAULT_SIZE;

		private boolean capacitySet;

		private boolean sizeSet;

		private IdleStrategyType idleStrategy = DEFAULT_IDLE_STRATEGY;

		private Duration pollInterval = DEFAULT_POLL_INTERVAL;

		private RegionEncoding encoding = DEFAULT_ENCODING;

		private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

		private @Nullable String signalEvent;

		private Builder(SharedRegionOptions.Builder region) {
			this.region = region;
		}

		/**
		 * @param layout the segment's layout; default {@link SharedMemoryLayout#RING}
		 * @return this builder
		 */
		public Builder layout(SharedMemoryLayout layout) {
			this.layout = Objects.requireNonNull(layout, "layout must not be null");
			return this;
		}

		/**
		 * @param capacity a ring's bytes of record space: a power of two from 1 KiB to
		 * 1 GiB; default 1 MiB. The largest record is an eighth of it.
		 * @return this builder
		 */
		public Builder capacity(long capacity) {
			if (capacity < RingDescriptor.MIN_CAPACITY || capacity > RingDescriptor.MAX_CAPACITY
					|| Long.bitCount(capacity) != 1) {
				throw new InvalidOptionException("capacity", capacity, "must be a power of two from "
						+ RingDescriptor.MIN_CAPACITY + " to " + RingDescriptor.MAX_CAPACITY + " bytes");
			}
			this.capacity = (int) capacity;
			this.capacitySet = true;
			return this;
		}

		/**
		 * @param size a region's bytes of content, 1 byte to 1 GiB; default 4 KiB
		 * @return this builder
		 */
		public Builder size(long size) {
			if (size < 1 || size > RingDescriptor.MAX_CAPACITY) {
				throw new InvalidOptionException("size", size, "must be 1 to " + RingDescriptor.MAX_CAPACITY + " bytes");
			}
			this.size = (int) size;
			this.sizeSet = true;
			return this;
		}

		/**
		 * @param create whether a missing segment is created; default {@code true}
		 * @return this builder
		 * @see SharedRegionOptions.Builder#create
		 */
		public Builder create(boolean create) {
			this.region.create(create);
			return this;
		}

		/**
		 * @param removeOnClose whether closing removes the segment's name; default
		 * {@code false}
		 * @return this builder
		 * @see SharedRegionOptions.Builder#removeOnClose
		 */
		public Builder removeOnClose(boolean removeOnClose) {
			this.region.removeOnClose(removeOnClose);
			return this;
		}

		/**
		 * @param access {@code current-user}, an SDDL string (Windows) or an octal file
		 * mode (POSIX); {@code null} means current user
		 * @return this builder
		 * @see SharedRegionOptions.Builder#access
		 */
		public Builder access(@Nullable String access) {
			this.region.access(access);
			return this;
		}

		/**
		 * @param idleStrategy how a ring's reader waits; default
		 * {@link IdleStrategyType#BACKOFF}
		 * @return this builder
		 */
		public Builder idleStrategy(IdleStrategyType idleStrategy) {
			this.idleStrategy = Objects.requireNonNull(idleStrategy, "idleStrategy must not be null");
			return this;
		}

		/**
		 * @param pollInterval the longest back-off pause, the sleep pause and a region's
		 * polling period; positive, default 1 ms
		 * @return this builder
		 */
		public Builder pollInterval(Duration pollInterval) {
			Objects.requireNonNull(pollInterval, "pollInterval must not be null");
			if (pollInterval.isNegative() || pollInterval.isZero()) {
				throw new InvalidOptionException("pollInterval", pollInterval, "must be positive");
			}
			this.pollInterval = pollInterval;
			return this;
		}

		/**
		 * @param encoding how a region's content is delimited and encoded; default
		 * {@link RegionEncoding#BYTES}
		 * @return this builder
		 */
		public Builder encoding(RegionEncoding encoding) {
			this.encoding = Objects.requireNonNull(encoding, "encoding must not be null");
			return this;
		}

		/**
		 * @param sendTimeout how long a write waits for room in a full ring; not
		 * negative, default 5 s
		 * @return this builder
		 */
		public Builder sendTimeout(Duration sendTimeout) {
			this.sendTimeout = InvalidOptionException.requireNotNegative("sendTimeout", sendTimeout);
			return this;
		}

		/**
		 * @param signalEvent the named event a region's writer sets after each write and
		 * its reader waits on instead of polling, e.g. {@code Local\HelloWorldWritten};
		 * {@code null} (the default) polls
		 * @return this builder
		 * @see SharedMemoryOptions#signalEvent()
		 */
		public Builder signalEvent(@Nullable String signalEvent) {
			if (signalEvent != null) {
				try {
					SyncOptions.event(signalEvent);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidOptionException("signalEvent", signalEvent, String.valueOf(ex.getMessage()));
				}
			}
			this.signalEvent = signalEvent;
			return this;
		}

		/**
		 * Check the settings against the layout and build the options.
		 * @return the options
		 * @throws InvalidOptionException if a setting does not apply to the layout: a
		 * capacity for a region, a size or a text encoding for a ring
		 */
		public SharedMemoryOptions build() {
			if (this.layout == SharedMemoryLayout.RING) {
				if (this.sizeSet) {
					throw new InvalidOptionException("size", this.size,
							"applies to layout region or seqlock; a ring's size is set by its capacity");
				}
				if (this.encoding != RegionEncoding.BYTES) {
					throw new InvalidOptionException("encoding", this.encoding,
							"applies to layout region or seqlock; a ring carries records of bytes");
				}
				if (this.signalEvent != null) {
					throw new InvalidOptionException("signalEvent", this.signalEvent,
							"applies to layout region or seqlock; a ring's reader waits with its idle strategy");
				}
			}
			else if (this.capacitySet) {
				throw new InvalidOptionException("capacity", this.capacity,
						"applies to layout ring; a region's content is set by its size");
			}
			return new SharedMemoryOptions(this);
		}

	}

}
