package dev.winipc.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import dev.winipc.shm.IdleStrategyType;
import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.SharedMemoryLayout;

/**
 * One shared-memory endpoint, {@code winipc.shared-memory.<id>.*}. The name is the
 * segment's: 'Local\HelloWorld' is that file mapping on Windows and shm_open("/HelloWorld"),
 * the file /dev/shm/HelloWorld, on Linux (the Local\ or Global\ prefix is dropped there).
 *
 * @since 0.1.0
 */
public class SharedMemoryProperties extends EndpointProperties {

	/**
	 * Which way messages flow: inbound (the ring's one reader, or a region's poller) or
	 * outbound (a ring writer, or a region's writer).
	 */
	private @Nullable SharedMemoryDirection direction;

	/**
	 * How the segment is laid out: ring (a message queue, any number of writers, one
	 * reader), region (a plain block, no header) or seqlock (a region with a sequence
	 * counter, never read torn).
	 */
	private SharedMemoryLayout layout = SharedMemoryLayout.RING;

	/**
	 * Ring only: bytes of record space, a power of two from 1KB to 1GB; the largest
	 * record is an eighth of it. Default 1MB.
	 */
	private @Nullable DataSize capacity;

	/**
	 * Region and seqlock only: bytes of content. Default 4KB.
	 */
	private @Nullable DataSize size;

	/**
	 * Whether a missing segment is created (create-or-open); an existing one is always
	 * opened, and one with an invalid header is an error.
	 */
	private boolean create = true;

	/**
	 * How the ring's reader, and a writer facing a full ring, wait: busy-spin, yield,
	 * backoff or sleep.
	 */
	private IdleStrategyType idleStrategy = IdleStrategyType.BACKOFF;

	/**
	 * The longest back-off pause, the sleep pause, and how often a region is polled.
	 */
	private Duration pollInterval = Duration.ofMillis(1);

	/**
	 * Region and seqlock only: bytes (the whole content), utf-8 or utf-16le (text up to
	 * its NUL, as C char[] and wchar_t[] or C# Marshal.PtrToStringUni hold it). A text
	 * encoding sets the charset.
	 */
	private RegionEncoding encoding = RegionEncoding.BYTES;

	/**
	 * Outbound ring: how long a send waits for room in a full ring before it fails.
	 */
	private Duration sendTimeout = Duration.ofSeconds(5);

	/**
	 * Whether stopping the endpoint removes the segment (POSIX shm_unlink). Off by
	 * default: a ring carries data that must outlive a restarting reader.
	 */
	private boolean removeOnClose = false;

	/**
	 * Inbound only: whether each message gets Spring's id and timestamp headers; false
	 * skips a random UUID and a clock read per message on the hot path.
	 */
	private boolean generateIdAndTimestamp = true;

	/**
	 * Region and seqlock only: the named event (e.g. 'Local\HelloWorldWritten') the
	 * outbound endpoint sets after each write and the inbound endpoint waits on instead
	 * of polling, the classic write-then-signal; auto-reset, created when missing.
	 */
	private @Nullable String signalEvent;

	/**
	 * Inbound only: the Spring Integration leadership role the endpoint belongs to; it
	 * then runs only while a leader initiator grants this application the role, e.g.
	 * over winipc.locks, so that one application of several reads the ring.
	 */
	private @Nullable String leaderRole;

	public @Nullable SharedMemoryDirection getDirection() {
		return this.direction;
	}

	public void setDirection(@Nullable SharedMemoryDirection direction) {
		this.direction = direction;
	}

	public SharedMemoryLayout getLayout() {
		return this.layout;
	}

	public void setLayout(SharedMemoryLayout layout) {
		this.layout = layout;
	}

	public @Nullable DataSize getCapacity() {
		return this.capacity;
	}

	public void setCapacity(@Nullable DataSize capacity) {
		this.capacity = capacity;
	}

	public @Nullable DataSize getSize() {
		return this.size;
	}

	public void setSize(@Nullable DataSize size) {
		this.size = size;
	}

	public boolean isCreate() {
		return this.create;
	}

	public void setCreate(boolean create) {
		this.create = create;
	}

	public IdleStrategyType getIdleStrategy() {
		return this.idleStrategy;
	}

	public void setIdleStrategy(IdleStrategyType idleStrategy) {
		this.idleStrategy = idleStrategy;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public RegionEncoding getEncoding() {
		return this.encoding;
	}

	public void setEncoding(RegionEncoding encoding) {
		this.encoding = encoding;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

	public boolean isRemoveOnClose() {
		return this.removeOnClose;
	}

	public void setRemoveOnClose(boolean removeOnClose) {
		this.removeOnClose = removeOnClose;
	}

	public boolean isGenerateIdAndTimestamp() {
		return this.generateIdAndTimestamp;
	}

	public void setGenerateIdAndTimestamp(boolean generateIdAndTimestamp) {
		this.generateIdAndTimestamp = generateIdAndTimestamp;
	}

	public @Nullable String getSignalEvent() {
		return this.signalEvent;
	}

	public void setSignalEvent(@Nullable String signalEvent) {
		this.signalEvent = signalEvent;
	}

	public @Nullable String getLeaderRole() {
		return this.leaderRole;
	}

	public void setLeaderRole(@Nullable String leaderRole) {
		this.leaderRole = leaderRole;
	}

}
