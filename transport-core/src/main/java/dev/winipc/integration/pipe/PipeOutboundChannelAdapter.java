package dev.winipc.integration.pipe;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.WinIpcMessageHandlerSupport;

/**
 * Sends each message to a named pipe.
 * <p>
 * In the {@link PipeRole#SERVER} role a message with a
 * {@link WinIpcHeaders#CONNECTION_ID} header goes to that client only; without one it
 * goes to every connected client. In the {@link PipeRole#CLIENT} role it connects on
 * first use and reconnects after the server went away. A message that reaches nobody
 * fails with a {@link MessageDeliveryException} naming the pipe and the OS error; it is
 * never dropped silently. Any number of outbound adapters may share a pipe with its one
 * inbound endpoint. Its consumer endpoint starts and stops it (so the consumer's
 * {@code autoStartup} and {@code phase} apply), not the application context on its own.
 *
 * @since 0.1.0
 */
public class PipeOutboundChannelAdapter extends WinIpcMessageHandlerSupport {

	private final PipeConnectionFactory connectionFactory;

	private final PipeSender sender;

	/**
	 * Create an adapter sending to the pipe.
	 * @param connectionFactory the pipe's settings
	 */
	public PipeOutboundChannelAdapter(PipeConnectionFactory connectionFactory) {
		super(PipeConnectionFactory.TRANSPORT);
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		this.connectionFactory = connectionFactory;
		this.sender = new PipeSender(connectionFactory);
	}

	/** @return the pipe's settings and connections */
	public PipeConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public String getComponentType() {
		return "winipc:pipe-outbound-channel-adapter";
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		EndpointMetrics metrics = getOperations().metrics();
		long started = metrics.sendStarted();
		try {
			metrics.sent(send(message), started);
		}
		catch (RuntimeException ex) {
			metrics.sendFailed();
			this.connectionFactory.failed(ex);
			throw ex;
		}
	}

	/** Send, and return the message's size. */
	private int send(Message<?> message) {
		byte[] bytes = this.connectionFactory.getMapper().fromMessage(message);
		this.sender.requireFrameable(message, bytes);
		if (this.connectionFactory.getRole() == PipeRole.CLIENT) {
			this.sender.sendAsClient(message, bytes);
			return bytes.length;
		}
		@Nullable String connectionId = message.getHeaders().get(WinIpcHeaders.CONNECTION_ID, String.class);
		if (connectionId != null) {
			this.sender.sendTo(message, connectionId, bytes);
			return bytes.length;
		}
		Collection<FramedConnection> clients = this.connectionFactory.getConnections();
		if (clients.isEmpty()) {
			throw new MessageDeliveryException(message, "No client is connected to pipe "
					+ this.connectionFactory.describe() + " to receive the message");
		}
		int delivered = 0;
		for (FramedConnection client : clients) {
			if (this.sender.trySend(client, bytes)) {
				delivered++;
			}
		}
		if (delivered == 0) {
			throw new MessageDeliveryException(message, "Every client of pipe " + this.connectionFactory.describe()
					+ " failed to receive the message; see the logged errors");
		}
		return bytes.length;
	}

	@Override
	public void start() {
		this.connectionFactory.start(this);
		registerMeters();
	}

	@Override
	public void stop() {
		this.connectionFactory.stop(this);
	}

	@Override
	public boolean isRunning() {
		return this.connectionFactory.isRunning(this);
	}

	@Override
	public EndpointState getEndpointState() {
		return this.connectionFactory.state("outbound", isRunning());
	}

	@Override
	protected EndpointMetrics.Builder meters(EndpointMetrics.Builder meters) {
		return this.connectionFactory.withConnections(meters);
	}

}
