package dev.winipc.integration.dsl;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.winipc.shm.IdleStrategyType;
import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryOptions;

/**
 * Fluent settings of a named shared-memory segment, for {@link WinIpc}'s shared-memory
 * adapters. Each method sets one value of a {@link SharedMemoryOptions.Builder}, which
 * checks it.
 *
 * @since 0.1.0
 */
public class SharedMemorySpec {

	private final SharedMemoryOptions.Builder options;

	SharedMemorySpec(String name) {
		this.options = SharedMemoryOptions.builder(name);
	}

	/**
	 * @param layout ring (default), region or seqlock
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#layout
	 */
	public SharedMemorySpec layout(SharedMemoryLayout layout) {
		this.options.layout(layout);
		return this;
	}

	/**
	 * @param capacity a ring's bytes of record space, a power of two; default 1 MiB
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#capacity
	 */
	public SharedMemorySpec capacity(long capacity) {
		this.options.capacity(capacity);
		return this;
	}

	/**
	 * @param size a region's bytes of content; default 4 KiB
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#size
	 */
	public SharedMemorySpec size(long size) {
		this.options.size(size);
		return this;
	}

	/**
	 * @param create whether a missing segment is created; default {@code true}
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#create
	 */
	public SharedMemorySpec create(boolean create) {
		this.options.create(create);
		return this;
	}

	/**
	 * @param removeOnClose whether stopping removes the segment; default {@code false}
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#removeOnClose
	 */
	public SharedMemorySpec removeOnClose(boolean removeOnClose) {
		this.options.removeOnClose(removeOnClose);
		return this;
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string or an octal file mode
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#access
	 */
	public SharedMemorySpec access(@Nullable String access) {
		this.options.access(access);
		return this;
	}

	/**
	 * @param idleStrategy busy-spin, yield, backoff (default) or sleep
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#idleStrategy
	 */
	public SharedMemorySpec idleStrategy(IdleStrategyType idleStrategy) {
		this.options.idleStrategy(idleStrategy);
		return this;
	}

	/**
	 * @param pollInterval the longest back-off pause and a region's polling period;
	 * default 1 ms
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#pollInterval
	 */
	public SharedMemorySpec pollInterval(Duration pollInterval) {
		this.options.pollInterval(pollInterval);
		return this;
	}

	/**
	 * @param encoding bytes (default), utf-8 or utf-16le, NUL-terminated
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#encoding
	 */
	public SharedMemorySpec encoding(RegionEncoding encoding) {
		this.options.encoding(encoding);
		return this;
	}

	/**
	 * @param sendTimeout how long a write waits for room in a full ring; default 5 s
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#sendTimeout
	 */
	public SharedMemorySpec sendTimeout(Duration sendTimeout) {
		this.options.sendTimeout(sendTimeout);
		return this;
	}

	/**
	 * @param signalEvent the named event a region's writer sets after each write and its
	 * reader waits on instead of polling; default none (the region is polled)
	 * @return this spec
	 * @see SharedMemoryOptions.Builder#signalEvent
	 */
	public SharedMemorySpec signalEvent(String signalEvent) {
		this.options.signalEvent(signalEvent);
		return this;
	}

	/**
	 * Return the settings as they stand.
	 * @return the options
	 * @see SharedMemoryOptions.Builder#build
	 */
	public SharedMemoryOptions options() {
		return this.options.build();
	}

}
