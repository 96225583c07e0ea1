package dev.winipc.integration.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;

import dev.winipc.integration.MessageOrigin;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.shm.IdleStrategy;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryLayoutException;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRegion;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.SyncOptions;

/**
 * The reading thread of a {@link SharedMemoryInboundChannelAdapter}: it owns the ring or
 * region (and a region's signal event) from open to close.
 */
final class SharedMemoryReader implements Runnable, SharedMemoryRing.RecordHandler {

	/** Records read per pass before the reader looks at its state again. */
	private static final int BATCH = 256;

	/** How often an idle reader checks that the segment's name still leads to it. */
	private static final long NAME_CHECK_NANOS = 1_000_000_000L;

	/** The longest wait for a region's signal, after which the reader checks the region's name. */
	private static final Duration SIGNAL_WAIT = Duration.ofSeconds(1);

	private static final LogAccessor logger = new LogAccessor(SharedMemoryInboundChannelAdapter.class);

	private final SharedMemoryInboundChannelAdapter adapter;

	private final SharedMemoryOptions options;

	private final boolean generateIdAndTimestamp;

	private final Duration unblockTimeout;

	private final IpcPlatform platform;

	private final WinIpcMessageMapper mapper;

	private final MessageOrigin origin;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile @Nullable Thread thread;

	private volatile @Nullable SharedMemoryRing ring;

	private volatile @Nullable SharedMemoryRegion region;

	private volatile @Nullable NamedEvent signal;

	private long nextNameCheck = System.nanoTime() + NAME_CHECK_NANOS;

	private final StalledRecordWatch stalls;

	/** Records of the current batch, not counted in the meters yet (the reading thread's). */
	private long recordsRead;

	private long recordBytesRead;

	SharedMemoryReader(SharedMemoryInboundChannelAdapter adapter, IpcPlatform platform, WinIpcMessageMapper mapper,
			boolean generateIdAndTimestamp, Duration unblockTimeout) {
		this.adapter = adapter;
		this.options = adapter.getOptions();
		this.generateIdAndTimestamp = generateIdAndTimestamp;
		this.unblockTimeout = unblockTimeout;
		this.platform = platform;
		this.mapper = mapper;
		this.stalls = new StalledRecordWatch(unblockTimeout);
		this.origin = MessageOrigin.of(SharedMemoryMessages.TRANSPORT, options().name().toString(), null,
				PeerIdentity.UNKNOWN);
	}

	void open() throws IOException {
		if (options().layout() == SharedMemoryLayout.RING) {
			this.ring = SharedMemoryRing.open(this.platform.sharedMemory(), options());
		}
		else {
			this.region = SharedMemoryRegion.open(this.platform.sharedMemory(), options());
			@Nullable SyncOptions signalEvent = options().signalEvent();
			if (signalEvent != null && this.signal == null) {
				try {
					this.signal = this.platform.syncObjects().event(signalEvent);
				}
				catch (IOException | RuntimeException ex) {
					close();
					throw ex;
				}
			}
		}
	}

	@Override
	public void run() {
		this.thread = Thread.currentThread();
		try {
			if (this.ring != null) {
				readRing();
			}
			else if (this.signal != null) {
				awaitSignals(this.signal);
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
				countRecords();
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

	/**
	 * Read the region, then each time its writer signals: the event is reset before
	 * the read, so a write signalled meanwhile wakes the next wait. A wait that ends
	 * without a signal reads the region too: where several readers wait on an auto-reset
	 * event, each set wakes only one of them, and the others see the write within
	 * {@link #SIGNAL_WAIT}.
	 */
	private void awaitSignals(NamedEvent signal) throws IOException {
		while (this.running) {
			SharedMemoryRegion current = this.region;
			byte @Nullable [] content = (current != null) ? current.readIfChanged() : null;
			if (content != null) {
				emit(content);
			}
			if (signal.await(SIGNAL_WAIT)) {
				signal.reset();
			}
			else {
				checkNamed();
			}
		}
	}

	@Override
	public void onRecord(ByteBuffer buffer, int offset, int length) {
		byte[] bytes = new byte[length];
		buffer.get(offset, bytes, 0, length);
		this.recordsRead++;
		this.recordBytesRead += length;
		send(bytes);
	}

	/**
	 * Count the records of a batch at once: one update of the meters per batch rather
	 * than per record keeps them off a ring's hot path.
	 */
	private void countRecords() {
		if (this.recordsRead > 0) {
			this.adapter.operations().metrics().received(this.recordsRead, this.recordBytesRead);
			this.recordsRead = 0;
			this.recordBytesRead = 0;
		}
	}

	private void emit(byte[] bytes) {
		this.adapter.operations().metrics().received(bytes.length);
		send(bytes);
	}

	private void send(byte[] bytes) {
		Message<?> message = this.mapper.toMessage(this.origin, bytes, this.adapter.messageBuilders(),
				this.generateIdAndTimestamp);
		try {
			this.adapter.send(message);
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
		this.adapter.operations().failed(removed);
		logger.warn(removed);
		if (currentRing != null) {
			while (currentRing.read(this, BATCH) > 0) {
				// drain the segment no writer can reach any more
				countRecords();
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
					+ this.unblockTimeout + " (it may have died); the record was skipped and reading goes on");
		}
	}

	private void fail(IOException ex) {
		countRecords();
		this.adapter.stoppedReading("Stopped reading shared memory " + name() + ": " + ex.getMessage(), ex);
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
		NamedEvent currentSignal = this.signal;
		if (currentSignal != null && !this.running) {
			this.signal = null;
			currentSignal.close();
		}
	}

	/** Stop reading; the current message finishes first. */
	void stop() {
		this.running = false;
		NamedEvent currentSignal = this.signal;
		if (currentSignal != null) {
			// wakes a wait for the next signal
			currentSignal.close();
		}
		Thread current = this.thread;
		Duration timeout = this.adapter.getShutdownTimeout();
		try {
			if (!this.finished.await(ExponentialBackOff.saturatedNanos(timeout), TimeUnit.NANOSECONDS)) {
				logger.warn(() -> "The reader of shared memory " + name() + " did not stop within the shutdown "
						+ "timeout of " + timeout + ": its flow is still busy; interrupting it");
				if (current != null) {
					current.interrupt();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** @return whether the reader stopped */
	boolean isFinished() {
		return this.finished.getCount() == 0;
	}

	/** @return whether the segment's name still leads to the segment being read */
	boolean isStillNamed() {
		return SharedMemoryMessages.isStillNamed(this.ring, this.region);
	}

	/** @return the ring being read, if it is a ring */
	@Nullable SharedMemoryRing ring() {
		return this.ring;
	}

	private String name() {
		return this.platform.osName(options().name());
	}

	private SharedMemoryOptions options() {
		return this.options;
	}

}
