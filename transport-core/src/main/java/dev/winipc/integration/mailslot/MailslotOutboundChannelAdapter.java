package dev.winipc.integration.mailslot;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcMessageHandlerSupport;
import dev.winipc.transport.MailslotWriter;

/**
 * Writes each message to a mailslot as one message. A message that no reader receives —
 * none has the slot, it is above the maximum message size, the reader's queue stayed full
 * for the send timeout — fails with a {@link MessageDeliveryException} naming the slot
 * and the OS error; it is never dropped silently. Add a retry advice to retry, e.g. while
 * the reader restarts. Its consumer endpoint starts and stops it, not the application
 * context on its own.
 *
 * @since 0.1.0
 */
public class MailslotOutboundChannelAdapter extends WinIpcMessageHandlerSupport {

	private final MailslotSettings settings;

	private final Object monitor = new Object();

	private @Nullable MailslotWriter writer;

	private volatile boolean running;

	/** Whether the last write failed for want of a reader, or the OS refused it. */
	private volatile boolean lastWriteFailed;

	/**
	 * Create an adapter writing to the mailslot.
	 * @param settings the mailslot's settings
	 */
	public MailslotOutboundChannelAdapter(MailslotSettings settings) {
		super(MailslotSettings.TRANSPORT);
		Assert.notNull(settings, "settings must not be null");
		this.settings = settings;
	}

	/** @return the mailslot's settings */
	public MailslotSettings getSettings() {
		return this.settings;
	}

	@Override
	public String getComponentType() {
		return "winipc:mailslot-outbound-channel-adapter";
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		EndpointMetrics metrics = getOperations().metrics();
		long started = metrics.sendStarted();
		byte[] bytes = this.settings.getMapper().fromMessage(message);
		try {
			writer().write(bytes, 0, bytes.length);
			metrics.sent(bytes.length, started);
			this.lastWriteFailed = false;
		}
		catch (IOException ex) {
			metrics.sendFailed();
			getOperations().failed(ex);
			// A message too large for the slot says nothing of the slot.
			this.lastWriteFailed = bytes.length <= this.settings.getOptions().maxMessageSize();
			throw new MessageDeliveryException(message,
					"Failed to send to mailslot " + this.settings.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private MailslotWriter writer() throws IOException {
		synchronized (this.monitor) {
			MailslotWriter current = this.writer;
			if (current == null) {
				current = this.settings.getPlatform().mailslots().createWriter(this.settings.getOptions());
				this.writer = current;
			}
			return current;
		}
	}

	@Override
	public void start() {
		this.running = true;
		registerMeters();
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			this.running = false;
			MailslotWriter current = this.writer;
			if (current != null) {
				current.close();
				this.writer = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the writer's state: {@code DOWN} after a write that failed, other than for
	 * the message's size (no reader has the slot, its queue stayed full), until a write
	 * succeeds.
	 * @return the state
	 */
	@Override
	public EndpointState getEndpointState() {
		return EndpointState.of(this.running, this.lastWriteFailed ? "the last write failed" : null,
				MailslotSettings.TRANSPORT, "outbound", "writer", this.settings.describe(), null,
				getOperations().lastError());
	}

}
