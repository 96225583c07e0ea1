package dev.winipc.integration.mailslot;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.integration.support.management.ManageableSmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.Assert;

import dev.winipc.transport.MailslotWriter;

/**
 * Writes each message to a mailslot as one message. A message that no reader receives —
 * none has the slot, it is above the maximum message size, the reader's queue stayed full
 * for the send timeout — fails with a {@link MessageDeliveryException} naming the slot
 * and the OS error; it is never dropped silently. Add a retry advice to retry, e.g. while
 * the reader restarts.
 *
 * @since 0.1.0
 */
public class MailslotOutboundChannelAdapter extends AbstractMessageHandler implements ManageableSmartLifecycle {

	private final MailslotSettings settings;

	private final Object monitor = new Object();

	private @Nullable MailslotWriter writer;

	private volatile boolean running;

	/**
	 * Create an adapter writing to the mailslot.
	 * @param settings the mailslot's settings
	 */
	public MailslotOutboundChannelAdapter(MailslotSettings settings) {
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
		byte[] bytes = this.settings.getMapper().fromMessage(message);
		try {
			writer().write(bytes, 0, bytes.length);
		}
		catch (IOException ex) {
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

}
