package dev.winipc.integration.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointOperations;
import dev.winipc.integration.EndpointSettings;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.integration.WinIpcMessageProducerSupport;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.transport.IpcPlatform;

/**
 * Receives from named shared memory and sends to the output channel: every record of a
 * {@link SharedMemoryLayout#RING} in order (this endpoint is the ring's one reader), or
 * a region's content each time it changed ({@link SharedMemoryLayout#REGION} and
 * {@link SharedMemoryLayout#SEQLOCK}, polled at the poll interval, or read each time its
 * writer sets the {@link SharedMemoryOptions#signalEvent() signal event}, with no
 * polling).
 * <p>
 * A ring record is consumed only once the flow returned. When the flow throws, the
 * message goes to the error channel (or, without one, Spring Integration's
 * {@code errorChannel}) and the record counts as consumed: the ring moves on. Records written while the endpoint is
 * stopped wait in the segment and are read when it starts again. A corrupted ring stops
 * the reading with an error naming the segment; nothing is skipped silently.
 * <p>
 * {@link #setGenerateIdAndTimestamp(boolean) setGenerateIdAndTimestamp(false)} skips
 * Spring's {@code id} and {@code timestamp} headers: each message then shares one
 * header instance and only its payload is allocated.
 * <p>
 * A record a writer claimed and never finished (it died half way) would hold the reader
 * for ever: after the {@link #setUnblockTimeout unblock timeout} without progress the
 * reader skips it, with a warning.
 *
 * @since 0.1.0
 */
public class SharedMemoryInboundChannelAdapter extends WinIpcMessageProducerSupport {

	/** The default time without progress after which a record a writer abandoned is skipped. */
	public static final Duration DEFAULT_UNBLOCK_TIMEOUT = Duration.ofSeconds(5);

	private final SharedMemoryOptions options;

	private WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	private @Nullable IpcPlatform platform;

	private boolean generateIdAndTimestamp = true;

	private Duration unblockTimeout = DEFAULT_UNBLOCK_TIMEOUT;

	private Duration shutdownTimeout = EndpointSettings.DEFAULT_SHUTDOWN_TIMEOUT;

	private volatile @Nullable SharedMemoryReader reader;

	/** The reader a stop gave up waiting for; a ring must not get a second one meanwhile. */
	private volatile @Nullable SharedMemoryReader stopping;

	/**
	 * Create an adapter reading a segment.
	 * @param options the segment's settings
	 */
	public SharedMemoryInboundChannelAdapter(SharedMemoryOptions options) {
		super(SharedMemoryMessages.TRANSPORT);
		Assert.notNull(options, "options must not be null");
		this.options = options;
	}

	/** @return the segment's settings */
	public SharedMemoryOptions getOptions() {
		return this.options;
	}

	/** @param mapper maps the bytes read to messages; a region's text encoding sets its charset */
	public void setMapper(WinIpcMessageMapper mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		this.mapper = mapper;
	}

	/** @return maps the bytes read to messages */
	public WinIpcMessageMapper getMapper() {
		return this.mapper;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		this.platform = platform;
	}

	/**
	 * @param generateIdAndTimestamp whether each message gets Spring's {@code id} and
	 * {@code timestamp} headers; default {@code true}. {@code false} skips a random UUID
	 * and a clock read per message, for flows that read neither
	 */
	public void setGenerateIdAndTimestamp(boolean generateIdAndTimestamp) {
		this.generateIdAndTimestamp = generateIdAndTimestamp;
	}

	/**
	 * @param unblockTimeout how long a ring may hold unread bytes without any record
	 * completing before the reader takes the record at its head for abandoned (a writer
	 * that died between claiming and finishing it) and skips it; default 5 s, far longer
	 * than a live writer takes
	 * @see SharedMemoryRing#unblock()
	 */
	public void setUnblockTimeout(Duration unblockTimeout) {
		Assert.isTrue(!unblockTimeout.isNegative() && !unblockTimeout.isZero(), "unblockTimeout must be positive");
		this.unblockTimeout = unblockTimeout;
	}

	/**
	 * @param shutdownTimeout how long a stop waits for the message being handled to
	 * finish before it interrupts it; default 10 s ({@code winipc.shutdown-timeout} in the starter)
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(!shutdownTimeout.isNegative(), "shutdownTimeout must not be negative");
		this.shutdownTimeout = shutdownTimeout;
	}

	/** @return how long a stop waits for the message being handled */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	@Override
	public String getComponentType() {
		return "winipc:shared-memory-inbound-channel-adapter";
	}

	@Override
	protected void doStart() {
		IpcPlatform platform = IpcPlatform.orCurrent(this.platform);
		SharedMemoryReader previous = this.stopping;
		if (previous != null && !previous.isFinished()) {
			throw new IllegalStateException("Cannot read shared memory " + platform.osName(this.options.name())
					+ " again yet: the reader stopped before is still in its flow, after the shutdown timeout of "
					+ this.shutdownTimeout + "; a second reader would read its records again");
		}
		SharedMemoryReader reader = new SharedMemoryReader(this, platform,
				SharedMemoryMessages.effectiveMapper(this.mapper, this.options), this.generateIdAndTimestamp,
				this.unblockTimeout);
		try {
			reader.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read shared memory " + platform.osName(this.options.name()) + ": "
					+ ex.getMessage(), ex);
		}
		this.reader = reader;
		EndpointKeepAlive.acquire();
		Thread thread = new Thread(reader, "winipc-shm-" + this.options.name().name());
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	protected void doStop() {
		SharedMemoryReader current = this.reader;
		if (current != null) {
			this.reader = null;
			current.stop();
			this.stopping = current.isFinished() ? null : current;
			EndpointKeepAlive.release();
		}
	}

	/**
	 * Send a message the reader built to the output channel.
	 * @param message the message
	 */
	void send(Message<?> message) {
		sendMessage(message);
	}

	/**
	 * Return the reader's state: {@code DOWN} once it stopped on an error, or while the
	 * segment's name leads elsewhere (another process removed it; the reader opens the
	 * name again within a second).
	 * @return the state
	 */
	@Override
	public EndpointState getEndpointState() {
		SharedMemoryReader current = this.reader;
		@Nullable String problem = null;
		if (current != null && current.isFinished()) {
			problem = "stopped reading";
		}
		else if (current != null && !current.isStillNamed()) {
			problem = SharedMemoryMessages.REMOVED;
		}
		return EndpointState.of(current != null, problem, SharedMemoryMessages.TRANSPORT, "inbound", "reader",
				IpcPlatform.orCurrent(this.platform).osName(this.options.name()), null,
				getOperations().lastError());
	}

	@Override
	protected EndpointMetrics.Builder meters(EndpointMetrics.Builder meters) {
		return (this.options.layout() != SharedMemoryLayout.RING) ? meters
				: meters.gauge(EndpointMetrics.RING_FILL, SharedMemoryMessages.RING_FILL, () -> {
					SharedMemoryReader current = this.reader;
					return SharedMemoryMessages.pending((current != null) ? current.ring() : null);
				});
	}

	/** @return what the adapter keeps for operating it, for its reader */
	EndpointOperations operations() {
		return getOperations();
	}

	/**
	 * Report that the reader stopped on an error.
	 * @param text what stopped, naming the segment
	 * @param ex the error
	 */
	void stoppedReading(String text, IOException ex) {
		reportStopped(text, ex);
	}

	/** @return the application's message builder factory */
	MessageBuilderFactory messageBuilders() {
		return getMessageBuilderFactory();
	}

}
