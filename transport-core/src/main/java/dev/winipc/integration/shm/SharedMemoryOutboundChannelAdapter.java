package dev.winipc.integration.shm;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcMessageHandlerSupport;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRegion;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.SyncOptions;

/**
 * Writes each message to named shared memory: as one record of a
 * {@link SharedMemoryLayout#RING} (any number of writers, in any processes, may share
 * it), or as the new content of a region ({@link SharedMemoryLayout#REGION},
 * {@link SharedMemoryLayout#SEQLOCK}), then setting the region's
 * {@link SharedMemoryOptions#signalEvent() signal event} when it has one.
 * <p>
 * A full ring holds the sender back, waiting with the idle strategy up to the send
 * timeout; after that the send fails with a {@link MessageDeliveryException} naming the
 * segment. A message is never dropped silently. While it runs it keeps the JVM alive, as
 * every winipc endpoint does. Its consumer endpoint starts and stops it, not the
 * application context on its own.
 *
 * @since 0.1.0
 */
public class SharedMemoryOutboundChannelAdapter extends WinIpcMessageHandlerSupport {

	private final SharedMemoryOptions options;

	private WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	private @Nullable IpcPlatform platform;

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable Writer writer;

	/**
	 * Create an adapter writing to a segment.
	 * @param options the segment's settings
	 */
	public SharedMemoryOutboundChannelAdapter(SharedMemoryOptions options) {
		super(SharedMemoryMessages.TRANSPORT);
		Assert.notNull(options, "options must not be null");
		this.options = options;
	}

	/** @return the segment's settings */
	public SharedMemoryOptions getOptions() {
		return this.options;
	}

	/** @param mapper maps messages to the bytes written; a region's text encoding sets its charset */
	public void setMapper(WinIpcMessageMapper mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		this.mapper = mapper;
	}

	/** @return maps messages to the bytes written */
	public WinIpcMessageMapper getMapper() {
		return this.mapper;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		this.platform = platform;
	}

	@Override
	public String getComponentType() {
		return "winipc:shared-memory-outbound-channel-adapter";
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		EndpointMetrics metrics = getOperations().metrics();
		long started = metrics.sendStarted();
		Writer current = this.writer;
		if (current == null) {
			metrics.sendFailed();
			throw new MessageDeliveryException(message, "The shared-memory endpoint "
					+ this.options.name().windowsName() + " is not running");
		}
		byte[] bytes = current.mapper().fromMessage(message);
		try {
			current.write(bytes);
			metrics.sent(bytes.length, started);
		}
		catch (IOException ex) {
			metrics.sendFailed();
			getOperations().failed(ex);
			throw new MessageDeliveryException(message, "Failed to write to shared memory " + current.name() + ": "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.writer != null) {
				return;
			}
			IpcPlatform platform = IpcPlatform.orCurrent(this.platform);
			WinIpcMessageMapper mapper = SharedMemoryMessages.effectiveMapper(this.mapper, this.options);
			try {
				this.writer = (this.options.layout() == SharedMemoryLayout.RING)
						? new Writer(SharedMemoryRing.open(platform.sharedMemory(), this.options), null, null, mapper)
						: openRegion(platform, mapper);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write to shared memory " + platform.osName(this.options.name())
						+ ": " + ex.getMessage(), ex);
			}
			EndpointKeepAlive.acquire();
		}
		registerMeters();
	}

	private Writer openRegion(IpcPlatform platform, WinIpcMessageMapper mapper) throws IOException {
		SharedMemoryRegion region = SharedMemoryRegion.open(platform.sharedMemory(), this.options);
		@Nullable SyncOptions signalEvent = this.options.signalEvent();
		try {
			return new Writer(null, region, (signalEvent != null) ? platform.syncObjects().event(signalEvent) : null,
					mapper);
		}
		catch (IOException | RuntimeException ex) {
			region.close();
			throw ex;
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			Writer current = this.writer;
			this.writer = null;
			if (current != null) {
				// Waits for writes in progress: the segment is unmapped once none touches it.
				current.close();
				EndpointKeepAlive.release();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.writer != null;
	}

	@Override
	protected EndpointMetrics.Builder meters(EndpointMetrics.Builder meters) {
		if (this.options.layout() == SharedMemoryLayout.RING) {
			meters.gauge(EndpointMetrics.RING_FILL, SharedMemoryMessages.RING_FILL, () -> {
				Writer current = this.writer;
				return SharedMemoryMessages.pending((current != null) ? current.ring() : null);
			});
		}
		return meters;
	}

	/**
	 * Return the writer's state: {@code DOWN} while the segment's name leads elsewhere
	 * (another process removed it), since what this endpoint writes then reaches no
	 * reader that opens the name.
	 * @return the state
	 */
	@Override
	public EndpointState getEndpointState() {
		Writer current = this.writer;
		boolean removed = current != null && !SharedMemoryMessages.isStillNamed(current.ring(), current.region());
		return EndpointState.of(current != null, removed ? SharedMemoryMessages.REMOVED : null,
				SharedMemoryMessages.TRANSPORT, "outbound", "writer",
				IpcPlatform.orCurrent(this.platform).osName(this.options.name()), null,
				getOperations().lastError());
	}

	/**
	 * The open segment: a ring, or a region and the event set after each write.
	 */
	private record Writer(@Nullable SharedMemoryRing ring, @Nullable SharedMemoryRegion region,
			@Nullable NamedEvent signal, WinIpcMessageMapper mapper) {

		void write(byte[] bytes) throws IOException {
			if (this.ring != null) {
				this.ring.write(bytes, 0, bytes.length);
			}
			else if (this.region != null) {
				this.region.write(bytes);
				if (this.signal != null) {
					this.signal.set();
				}
			}
		}

		String name() {
			return (this.ring != null) ? this.ring.name() : (this.region != null) ? this.region.name() : "?";
		}

		void close() {
			if (this.ring != null) {
				this.ring.close();
			}
			if (this.region != null) {
				this.region.close();
			}
			if (this.signal != null) {
				this.signal.close();
			}
		}

	}

}
