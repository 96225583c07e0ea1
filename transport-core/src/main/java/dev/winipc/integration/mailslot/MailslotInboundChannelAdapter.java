package dev.winipc.integration.mailslot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.MessageOrigin;
import dev.winipc.integration.WinIpcMessageProducerSupport;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.MailslotMessage;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.PeerIdentity;

/**
 * Reads a mailslot and sends each message to the output channel. It creates the slot
 * when it starts (a name another reader holds is a start-up error) and is its one
 * reader; any number of native programs, or {@link MailslotOutboundChannelAdapter}s,
 * write to it.
 * <p>
 * A message the flow fails on goes to the error channel, or to Spring Integration's
 * {@code errorChannel} when none is set; it has been taken from the slot, and reading
 * goes on. A message the reader refuses (above the maximum message size, or from another
 * user) is logged and counted as an error, and reading goes on. Stopping refuses
 * writers where the OS can, hands what is already queued to the flow (up to the shutdown
 * timeout), then closes the slot.
 *
 * @since 0.1.0
 */
public class MailslotInboundChannelAdapter extends WinIpcMessageProducerSupport {

	private final MailslotSettings settings;

	private final Object monitor = new Object();

	private volatile boolean stopping;

	private @Nullable MailslotReader reader;

	private volatile @Nullable Thread loop;

	/** The origin of the last message: a run of messages from one writer shares it. */
	private @Nullable MessageOrigin lastOrigin;

	/**
	 * Create an adapter reading the mailslot.
	 * @param settings the mailslot's settings
	 */
	public MailslotInboundChannelAdapter(MailslotSettings settings) {
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
		return "winipc:mailslot-inbound-channel-adapter";
	}

	@Override
	protected void doStart() {
		synchronized (this.monitor) {
			MailslotReader created;
			try {
				created = this.settings.getPlatform().mailslots().createReader(this.settings.getOptions());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex.getMessage(), ex);
			}
			this.stopping = false;
			this.reader = created;
			Thread thread = new Thread(() -> readLoop(created), "winipc-mailslot-" + this.settings.getName());
			// EndpointKeepAlive holds the JVM while the slot is read; this thread must not.
			thread.setDaemon(true);
			this.loop = thread;
			EndpointKeepAlive.acquire();
			thread.start();
		}
	}

	@Override
	protected void doStop() {
		synchronized (this.monitor) {
			MailslotReader running = this.reader;
			Thread thread = this.loop;
			if (running == null || thread == null) {
				return;
			}
			try {
				this.stopping = true;
				running.stopReceiving();
				awaitDrained(thread);
				running.close();
			}
			finally {
				this.reader = null;
				this.loop = null;
				EndpointKeepAlive.release();
			}
		}
	}

	private void awaitDrained(Thread thread) {
		try {
			thread.join(Math.max(1, TimeUnit.NANOSECONDS
				.toMillis(ExponentialBackOff.saturatedNanos(this.settings.getShutdownTimeout()))));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			logger.warn(() -> "Mailslot " + this.settings.describe() + " was still handing queued messages to its "
					+ "flow after the shutdown timeout of " + this.settings.getShutdownTimeout() + "; closing it");
		}
	}

	private void readLoop(MailslotReader source) {
		BackOffPolicy.Sequence pauses = BackOffPolicy.DEFAULT.start();
		while (true) {
			MailslotMessage message;
			try {
				message = source.read();
			}
			catch (IOException ex) {
				if (this.stopping) {
					return;
				}
				getOperations().metrics().receiveFailed();
				getOperations().failed(ex);
				logger.error(() -> "Mailslot " + this.settings.getName() + ": " + ex.getMessage());
				if (!pause(pauses)) {
					return;
				}
				continue;
			}
			if (message == null) {
				if (this.stopping) {
					return;
				}
				continue;
			}
			pauses = BackOffPolicy.DEFAULT.start();
			deliver(message);
		}
	}

	/** Pause after a failed read, so a failing slot is not read in a tight loop. */
	private boolean pause(BackOffPolicy.Sequence pauses) {
		long delay = pauses.nextDelayNanos();
		try {
			BackOffPolicy.sleep(delay);
			return !this.stopping;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void deliver(MailslotMessage received) {
		getOperations().metrics().received(received.payload().length);
		Message<?> message = this.settings.getMapper()
			.toMessage(origin(received.sender()), received.payload(), getMessageBuilderFactory());
		try {
			sendMessage(message);
		}
		catch (RuntimeException ex) {
			logger.error(ex, () -> "Flow failed for a message from mailslot " + this.settings.getName()
					+ ", and no error channel took it");
		}
	}

	@Override
	public EndpointState getEndpointState() {
		Thread thread = this.loop;
		return EndpointState.of(thread != null, (thread != null && !thread.isAlive()) ? "no longer reading" : null,
				MailslotSettings.TRANSPORT, "inbound", "reader", this.settings.describe(), null,
				getOperations().lastError());
	}

	private MessageOrigin origin(PeerIdentity sender) {
		MessageOrigin last = this.lastOrigin;
		if (last == null || !last.peer().equals(sender)) {
			last = MessageOrigin.of(MailslotSettings.TRANSPORT, this.settings.getName(), null, sender);
			this.lastOrigin = last;
		}
		return last;
	}

}
