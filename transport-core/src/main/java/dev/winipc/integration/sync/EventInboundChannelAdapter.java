package dev.winipc.integration.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.EndpointSettings;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.MessageOrigin;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.integration.WinIpcMessageProducerSupport;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.SyncOptions;

/**
 * Sends a message to the output channel each time a named event is set. The message's
 * payload is the event's name (bytes, or a {@code String} with payload type string); its
 * headers say {@code winipc_transport} = {@code event} and {@code winipc_endpoint} = the
 * name. A thread of its own waits on the event; the OS wakes it, nothing is polled.
 * <p>
 * An auto-reset event is reset by the wait that sees it set: one message per set. A
 * manual-reset event stays set until someone resets it: one message each time it becomes
 * set, the adapter looking every {@value #RESET_CHECK_MILLIS} ms for the reset before it
 * waits again. When the flow throws, the failure goes to the error channel (or, without
 * one, Spring Integration's {@code errorChannel}) and waiting goes on; an OS failure stops the waiting with an error naming the event.
 *
 * @since 0.1.0
 */
public class EventInboundChannelAdapter extends WinIpcMessageProducerSupport {

	/** How often a manual-reset event that was seen set is looked at for its reset. */
	static final long RESET_CHECK_MILLIS = 50;

	/** The longest one wait, after which the adapter looks at its state. */
	private static final Duration WAIT = Duration.ofSeconds(1);

	private final SyncOptions options;

	private WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	private Duration shutdownTimeout = EndpointSettings.DEFAULT_SHUTDOWN_TIMEOUT;

	private @Nullable IpcPlatform platform;

	private volatile @Nullable Waiter waiter;

	/**
	 * Create an adapter waiting on an event.
	 * @param options the event's settings, from {@link SyncOptions#event}
	 */
	public EventInboundChannelAdapter(SyncOptions options) {
		super(EventMessages.TRANSPORT);
		Assert.notNull(options, "options must not be null");
		Assert.isTrue(options.name().kind() == EndpointName.Kind.EVENT, "options must be an event's");
		this.options = options;
	}

	/** @return the event's settings */
	public SyncOptions getOptions() {
		return this.options;
	}

	/** @param mapper how the payload (the event's name) is presented */
	public void setMapper(WinIpcMessageMapper mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		this.mapper = mapper;
	}

	/** @return how the payload is presented */
	public WinIpcMessageMapper getMapper() {
		return this.mapper;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		this.platform = platform;
	}

	/**
	 * @param shutdownTimeout how long a stop waits for the message being handled to
	 * finish before it lets the waiter go; default 10 s ({@code winipc.shutdown-timeout} in the starter)
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
		return "winipc:event-inbound-channel-adapter";
	}

	@Override
	protected void doStart() {
		IpcPlatform platform = IpcPlatform.orCurrent(this.platform);
		NamedEvent event;
		try {
			event = platform.syncObjects().event(this.options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot wait on event " + platform.osName(this.options.name()) + ": "
					+ ex.getMessage(), ex);
		}
		Waiter started = new Waiter(event);
		this.waiter = started;
		EndpointKeepAlive.acquire();
		Thread thread = new Thread(started, "winipc-event-" + this.options.name().name());
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	protected void doStop() {
		Waiter current = this.waiter;
		if (current != null) {
			this.waiter = null;
			current.stop();
			EndpointKeepAlive.release();
		}
	}

	/**
	 * Return the waiter's state: {@code DOWN} once it stopped on an OS error.
	 * @return the state
	 */
	@Override
	public EndpointState getEndpointState() {
		Waiter current = this.waiter;
		IpcPlatform platform = IpcPlatform.orCurrent(this.platform);
		return EndpointState.of(current != null, (current != null && current.isFinished()) ? "stopped waiting" : null,
				EventMessages.TRANSPORT, "inbound", "waiter", platform.osName(this.options.name()), null,
				getOperations().lastError());
	}

	/**
	 * The waiting thread: it owns the event's handle from start to stop.
	 */
	private final class Waiter implements Runnable {

		private final NamedEvent event;

		private final MessageOrigin origin;

		private final byte[] payload;

		private final CountDownLatch finished = new CountDownLatch(1);

		private volatile boolean running = true;

		Waiter(NamedEvent event) {
			this.event = event;
			String name = EventInboundChannelAdapter.this.options.name().toString();
			this.origin = MessageOrigin.of(EventMessages.TRANSPORT, name, null, PeerIdentity.UNKNOWN);
			this.payload = name.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public void run() {
			try {
				while (this.running) {
					if (this.event.await(WAIT)) {
						emit();
						if (this.event.options().manualReset()) {
							awaitReset();
						}
					}
				}
			}
			catch (IOException ex) {
				if (this.running) {
					fail(ex);
				}
			}
			finally {
				this.event.close();
				this.finished.countDown();
			}
		}

		private void emit() {
			getOperations().metrics().received(this.payload.length);
			try {
				sendMessage(getMapper().toMessage(this.origin, this.payload.clone(), getMessageBuilderFactory()));
			}
			catch (RuntimeException ex) {
				logger.error(ex, () -> "Flow failed for a signal of event " + this.event.osName()
						+ ", and no error channel took it");
			}
		}

		private void awaitReset() throws IOException {
			while (this.running && this.event.isSet()) {
				BackOffPolicy.sleep(TimeUnit.MILLISECONDS.toNanos(RESET_CHECK_MILLIS));
			}
		}

		private void fail(IOException ex) {
			reportStopped("Stopped waiting on event " + this.event.osName() + ": " + ex.getMessage(), ex);
		}

		boolean isFinished() {
			return this.finished.getCount() == 0;
		}

		/** Stop waiting: closing the handle wakes the wait; the current message finishes first. */
		void stop() {
			this.running = false;
			this.event.close();
			try {
				Duration timeout = EventInboundChannelAdapter.this.shutdownTimeout;
				if (!this.finished.await(ExponentialBackOff.saturatedNanos(timeout), TimeUnit.NANOSECONDS)) {
					logger.warn(() -> "The waiter on event " + this.event.osName() + " did not stop within the "
							+ "shutdown timeout of " + timeout + ": its flow is still busy");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
