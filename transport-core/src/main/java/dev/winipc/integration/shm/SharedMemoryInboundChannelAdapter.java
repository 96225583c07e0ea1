package dev.winipc.integration.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.MessageOrigin;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.integration.WinIpcMessageProducerSupport;
import dev.winipc.shm.IdleStrategy;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryLayoutException;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRegion;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PeerIdentity;

/**
 * Receives from named shared memory and sends to the output channel: every record of a
 * {@link SharedMemoryLayout#RING} in order (this endpoint is the ring's one reader), or
 * a region's content each time it changed ({@link SharedMemoryLayout#REGION} and
 * {@link SharedMemoryLayout#SEQLOCK}, polled at the poll interval).
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

	/** Records read per pass before the reader looks at its state again. */
	private static final int BATCH = 256;

	/** How often an idle reader checks that the segment's name still leads to it. */
	private static final long NAME_CHECK_NANOS = 1_000_000_000L;

	/** The default time without progress after which a record a writer abandoned is skipped. */
	public static final Duration DEFAULT_UNBLOCK_TIMEOUT = Duration.ofSeconds(5);

	/** How long a stop waits for the reader to hand over its current message. */
	private static final long STOP_WAIT_SECONDS = 10;

	private final SharedMemoryOptions options;

	private WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	private @Nullable IpcPlatform platform;

	private boolean generateIdAndTimestamp = true;

	private Duration unblockTimeout = DEFAULT_UNBLOCK_TIMEOUT;

	private volatile @Nullable Reader reader;

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

	@Override
	public String getComponentType() {
		return "winipc:shared-memory-inbound-channel-adapter";
	}

	@Override
	protected void doStart() {
		IpcPlatform platform = SharedMemoryMessages.platform(this.platform);
		Reader reader = new Reader(platform, SharedMemoryMessages.effectiveMapper(this.mapper, this.options));
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
		Reader current = this.reader;
		if (current != null) {
			this.reader = null;
			current.stop();
			EndpointKeepAlive.release();
		}
	}

	/**
	 * Return the reader's state: {@code DOWN} once it stopped on an error, or while the
	 * segment's name leads elsewhere (another process removed it; the reader opens the
	 * name again within a second).
	 * @return the state
	 */
	@Override
	public EndpointState getEndpointState() {
		Reader current = this.reader;
		@Nullable String problem = null;
		if (current != null && current.isFinished()) {
			problem = "stopped reading";
		}
		else if (current != null && !current.isStillNamed()) {
			problem = SharedMemoryMessages.REMOVED;
		}
		return EndpointState.of(current != null, problem, SharedMemoryMessages.TRANSPORT, "inbound", "reader",
				SharedMemoryMessages.platform(this.platform).osName(this.options.name()), null,
				getOperations().lastError());
	}

	@Override
	protected EndpointMetrics.Builder meters(EndpointMetrics.Builder meters) {
		return (this.options.layout() != SharedMemoryLayout.RING) ? meters
				: meters.gauge(EndpointMetrics.RING_FILL, SharedMemoryMessages.RING_FILL, () -> {
					Reader current = this.reader;
					return SharedMemoryMessages.pending((current != null) ? current.ring : null);
				});
	}

	/**
	 * The reading thread: it owns the ring or region from open to close.
	 */
	private final class Reader implements Runnable, SharedMemoryRing.RecordHandler {

		private final IpcPlatform platform;

		private final WinIpcMessageMapper mapper;

		private final MessageOrigin origin;

		private final CountDownLatch finished = new CountDownLatch(1);

		private volatile boolean running = true;

		private volatile @Nullable Thread thread;

		private volatile @Nullable SharedMemoryRing ring;

		private volatile @Nullable SharedMemoryRegion region;

		private long nextNameCheck = System.nanoTime() + NAME_CHECK_NANOS;

		private final StalledRecordWatch stalls = new StalledRecordWatch(
				SharedMemoryInboundChannelAdapter.this.unblockTimeout);

		Reader(IpcPlatform platform, WinIpcMessageMapper mapper) {
			this.platform = platform;
			this.mapper = mapper;
			this.origin = MessageOrigin.of(SharedMemoryMessages.TRANSPORT, options().name().toString(), null,
					PeerIdentity.UNKNOWN);
		}

		void open() throws IOException {
			if (options().layout() == SharedMemoryLayout.RING) {
				this.ring = SharedMemoryRing.open(this.platform.sharedMemory(), options());
			}
			else {
				this.region = SharedMemoryRegion.open(this.platform.sharedMemory(), options());
			}
		}

		@Override
		public void run() {
			this.thread = Thread.currentThread();
			try {
				if (this.ring != null) {
					readRing();
				}
				else {
					pollRegion();
				}
			}
			catch (SharedMemoryLayoutException ex) {
				fail(ex);
			}
			catch (IOException ex) {
				if (this.running) {
					fail(ex);
				}
			}
			finally {
				close();
				this.finished.countDown();
			}
		}

		private void readRing() throws IOException {
			IdleStrategy idle = options().idleStrategy().create(options().pollInterval());
			while (this.running) {
				SharedMemoryRing current = this.ring;
				if (current != null && current.read(this, BATCH) > 0) {
					idle.reset();
					this.stalls.progressed();
				}
				else {
					checkNamed();
					checkStalled();
					idle.idle();
				}
			}
		}

		private void pollRegion() throws IOException {
			long pause = ExponentialBackOff.saturatedNanos(options().pollInterval());
			while (this.running) {
				SharedMemoryRegion current = this.region;
				byte @Nullable [] content = (current != null) ? current.readIfChanged() : null;
				if (content != null) {
					emit(content);
				}
				else {
					checkNamed();
					BackOffPolicy.sleep(pause);
				}
			}
		}

		@Override
		public void onRecord(ByteBuffer buffer, int offset, int length) {
			byte[] bytes = new byte[length];
			buffer.get(offset, bytes, 0, length);
			emit(bytes);
		}

		private void emit(byte[] bytes) {
			getOperations().metrics().received(bytes.length);
			Message<?> message = this.mapper.toMessage(this.origin, bytes, getMessageBuilderFactory(),
					SharedMemoryInboundChannelAdapter.this.generateIdAndTimestamp);
			try {
				sendMessage(message);
			}
			catch (RuntimeException ex) {
				logger.error(ex, () -> "Flow failed for a message from shared memory " + name()
						+ ", and no error channel took it; the record counts as consumed");
			}
		}

		/**
		 * When another process removed the segment's name (Python's resource tracker
		 * does), writers that open the name now reach a new segment: read what is left
		 * here, then open the name again.
		 */
		private void checkNamed() throws IOException {
			long now = System.nanoTime();
			if (now - this.nextNameCheck < 0) {
				return;
			}
			this.nextNameCheck = now + NAME_CHECK_NANOS;
			if (isStillNamed()) {
				return;
			}
			SharedMemoryRing currentRing = this.ring;
			String removed = "Shared memory " + name() + " was removed by another process (a Python 3.12 or older "
					+ "peer's resource tracker does that when it exits); reading what it holds, then opening the name "
					+ "again so that writers reach this reader";
			getOperations().failed(removed);
			logger.warn(removed);
			if (currentRing != null) {
				while (currentRing.read(this, BATCH) > 0) {
					// drain the segment no writer can reach any more
				}
			}
			close();
			open();
		}

		/** Skip a record whose writer died half way. */
		private void checkStalled() throws IOException {
			SharedMemoryRing current = this.ring;
			if (current != null && this.stalls.skipAbandoned(current)) {
				logger.warn(() -> "A writer of shared memory " + name() + " claimed a record and did not finish it within "
						+ SharedMemoryInboundChannelAdapter.this.unblockTimeout
						+ " (it may have died); the record was skipped and reading goes on");
			}
		}

		private void fail(IOException ex) {
			String text = "Stopped reading shared memory " + name() + ": " + ex.getMessage();
			getOperations().metrics().receiveFailed();
			getOperations().failed(ex);
			MessageChannel errors = getErrorChannel();
			if (errors != null) {
				errors.send(buildErrorMessage(null, new MessagingException(text, ex)));
			}
			else {
				logger.error(ex, text);
			}
		}

		private void close() {
			SharedMemoryRing currentRing = this.ring;
			SharedMemoryRegion currentRegion = this.region;
			this.ring = null;
			this.region = null;
			if (currentRing != null) {
				currentRing.close();
			}
			if (currentRegion != null) {
				currentRegion.close();
			}
		}

		/** Stop reading; the current message finishes first. */
		void stop() {
			this.running = false;
			Thread current = this.thread;
			try {
				if (!this.finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
					logger.warn(() -> "The reader of shared memory " + name() + " did not stop within "
							+ STOP_WAIT_SECONDS + " s: its flow is still busy; interrupting it");
					if (current != null) {
						current.interrupt();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private String name() {
			return this.platform.osName(options().name());
		}

		boolean isFinished() {
			return this.finished.getCount() == 0;
		}

		boolean isStillNamed() {
			return SharedMemoryMessages.isStillNamed(this.ring, this.region);
		}

		private SharedMemoryOptions options() {
			return SharedMemoryInboundChannelAdapter.this.options;
		}

	}

}
