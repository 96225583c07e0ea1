package dev.winipc.integration.pipe;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.gateway.MessagingGatewaySupport;
import org.springframework.messaging.Message;
import org.springframework.util.Assert;

/**
 * Receives requests from a named pipe, sends each to the request channel and writes the
 * reply back on the connection the request came from; requests on one connection are
 * answered in order. In the {@link PipeRole#SERVER} role it serves many clients at once;
 * in the {@link PipeRole#CLIENT} role it answers requests from a native server.
 * <p>
 * When the flow fails without an error channel, or gives no reply within the reply
 * timeout, the failure is logged and the connection closed, so the peer sees the end of
 * the stream rather than waiting for a reply that will not come. A stop lets the
 * requests being handled finish and their replies go out, within the pipe's shutdown
 * timeout.
 *
 * @since 0.1.0
 */
public class PipeInboundGateway extends MessagingGatewaySupport implements PipeConnectionFactory.Listener {

	private final PipeConnectionFactory connectionFactory;

	/**
	 * Create a gateway answering on the pipe.
	 * @param connectionFactory the pipe's settings
	 */
	public PipeInboundGateway(PipeConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(connectionFactory.getFraming() != PipeFraming.RAW,
				"raw framing carries one message per connection and cannot carry a reply");
		this.connectionFactory = connectionFactory;
	}

	/** @return the pipe's settings and connections */
	public PipeConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public String getComponentType() {
		return "winipc:pipe-inbound-gateway";
	}

	@Override
	protected void onInit() {
		super.onInit();
		this.connectionFactory.registerListener(getComponentName(), this);
	}

	@Override
	protected void doStart() {
		super.doStart();
		this.connectionFactory.registerListener(getComponentName(), this);
		this.connectionFactory.start(this);
	}

	@Override
	protected void doStop() {
		this.connectionFactory.stop(this);
		super.doStop();
	}

	@Override
	public void onMessage(FramedConnection connection, byte[] bytes) {
		String pipe = this.connectionFactory.getName();
		Message<?> request = this.connectionFactory.getMapper()
			.toMessage(connection.origin(), bytes, getMessageBuilderFactory());
		@Nullable Message<?> reply;
		try {
			reply = sendAndReceiveMessage(request);
		}
		catch (RuntimeException ex) {
			logger.error(ex, () -> "Closing " + connection.id() + " of pipe " + pipe + ": the flow failed on its request");
			connection.close();
			return;
		}
		if (reply == null) {
			logger.error(() -> "Closing " + connection.id() + " of pipe " + pipe + ": no reply to its request");
			connection.close();
			return;
		}
		try {
			connection.send(this.connectionFactory.getMapper().fromMessage(reply));
		}
		catch (IOException | RuntimeException ex) {
			logger.error(() -> "Closing " + connection.id() + " of pipe " + pipe + ": the reply could not be sent: "
					+ ex.getMessage());
			connection.close();
		}
	}

}
