package dev.winipc.integration.pipe;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

/**
 * Receives messages from a named pipe and sends them to the output channel. In the
 * {@link PipeRole#SERVER} role it serves every client that connects; in the
 * {@link PipeRole#CLIENT} role it connects to a native server and reconnects with
 * back-off after the server goes away.
 * <p>
 * A message the flow fails on goes to the error channel when one is set; otherwise the
 * failure is logged with the pipe and connection, and the connection keeps reading.
 *
 * @since 0.1.0
 */
public class PipeInboundChannelAdapter extends MessageProducerSupport implements PipeConnectionFactory.Listener {

	private final PipeConnectionFactory connectionFactory;

	/**
	 * Create an adapter receiving on the pipe.
	 * @param connectionFactory the pipe's settings
	 */
	public PipeInboundChannelAdapter(PipeConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		this.connectionFactory = connectionFactory;
	}

	/** @return the pipe's settings and connections */
	public PipeConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public String getComponentType() {
		return "winipc:pipe-inbound-channel-adapter";
	}

	@Override
	protected void doStart() {
		this.connectionFactory.start(this, true);
	}

	@Override
	protected void doStop() {
		this.connectionFactory.stop();
	}

	@Override
	public void onMessage(FramedConnection connection, byte[] bytes) {
		Message<?> message = this.connectionFactory.getMapper()
			.toMessage(this.connectionFactory.getName(), connection, bytes, getMessageBuilderFactory())
			.build();
		try {
			sendMessage(message);
		}
		catch (RuntimeException ex) {
			logger.error(ex, () -> "Flow failed for a message from " + connection.id() + " of pipe "
					+ this.connectionFactory.getName() + " and no error channel is set");
		}
	}

}
