package dev.winipc.integration.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.WinIpcMessageHandlerSupport;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.SyncOptions;

/**
 * Sets, pulses or resets a named event for each message it handles, whatever the
 * message holds: the "signal" half of "write, then signal". The action is the
 * configured one unless the message's {@link WinIpcHeaders#EVENT_ACTION} header names
 * another. A failure fails the send with a {@link MessageDeliveryException} naming the
 * event and the OS error (a pulse on POSIX, which cannot pulse, among them). Its
 * consumer endpoint starts and stops it, not the application context on its own.
 *
 * @since 0.1.0
 */
public class EventOutboundChannelAdapter extends WinIpcMessageHandlerSupport {

	private final SyncOptions options;

	private EventAction action = EventAction.SET;

	private @Nullable IpcPlatform platform;

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable NamedEvent event;

	/**
	 * Create an adapter signalling an event.
	 * @param options the event's settings, from {@link SyncOptions#event}
	 */
	public EventOutboundChannelAdapter(SyncOptions options) {
		super(EventMessages.TRANSPORT);
		Assert.notNull(options, "options must not be null");
		Assert.isTrue(options.name().kind() == EndpointName.Kind.EVENT, "options must be an event's");
		this.options = options;
	}

	/** @return the event's settings */
	public SyncOptions getOptions() {
		return this.options;
	}

	/** @param action what each message does to the event; default {@link EventAction#SET} */
	public void setAction(EventAction action) {
		Assert.notNull(action, "action must not be null");
		this.action = action;
	}

	/** @return what each message does to the event */
	public EventAction getAction() {
		return this.action;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		this.platform = platform;
	}

	@Override
	public String getComponentType() {
		return "winipc:event-outbound-channel-adapter";
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		EndpointMetrics metrics = getOperations().metrics();
		long started = metrics.sendStarted();
		NamedEvent current = this.event;
		if (current == null) {
			metrics.sendFailed();
			throw new MessageDeliveryException(message, "The event endpoint " + this.options.name().windowsName()
					+ " is not running");
		}
		@Nullable Object requested = message.getHeaders().get(WinIpcHeaders.EVENT_ACTION);
		EventAction todo;
		try {
			todo = (requested != null) ? EventAction.of(requested) : this.action;
		}
		catch (IllegalArgumentException ex) {
			metrics.sendFailed();
			throw new MessageDeliveryException(message, "The " + WinIpcHeaders.EVENT_ACTION + " header of a message for "
					+ "event " + current.osName() + " is invalid: " + ex.getMessage(), ex);
		}
		try {
			todo.apply(current);
			metrics.sent(0, started);
		}
		catch (IOException ex) {
			metrics.sendFailed();
			getOperations().failed(ex);
			throw new MessageDeliveryException(message, "Failed to " + todo.name().toLowerCase(Locale.ROOT)
					+ " event " + current.osName() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.event != null) {
				return;
			}
			IpcPlatform platform = IpcPlatform.orCurrent(this.platform);
			try {
				this.event = platform.syncObjects().event(this.options);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot signal event " + platform.osName(this.options.name()) + ": "
						+ ex.getMessage(), ex);
			}
			EndpointKeepAlive.acquire();
		}
		registerMeters();
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			NamedEvent current = this.event;
			this.event = null;
			if (current != null) {
				current.close();
				EndpointKeepAlive.release();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.event != null;
	}

	@Override
	public EndpointState getEndpointState() {
		IpcPlatform platform = IpcPlatform.orCurrent(this.platform);
		return EndpointState.of(this.event != null, null, EventMessages.TRANSPORT, "outbound", "signaller",
				platform.osName(this.options.name()), null, getOperations().lastError());
	}

}
