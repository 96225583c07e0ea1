package dev.winipc.integration.pipe;

import org.springframework.messaging.Message;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcMessageProducerSupport;

/**
 * Receives messages from a named pipe and sends them to the output channel. In the
 * {@link PipeRole#SERVER} role it serves every client that connects; in the
 * {@link PipeRole#CLIENT} role it connects to a native server and reconnects with the
 * pipe's back-off after the server goes away. It is its pipe's listener: outbound
 * adapters on the same pipe answer its clients by
 * {@link dev.winipc.integration.WinIpcHeaders#CONNECTION_ID}.
 * <p>
 * A message the flow fails on goes to the error channel, or to Spring Integration's
 * {@code errorChannel} when none is set; the connection stays open and keeps reading.
 *
 * @since 0.1.0
 */
public class PipeInboundChannelAdapter extends WinIpcMessageProducerSupport implements PipeConnectionFactory.Listener {

	private final PipeConnectionFactory connectionFactory;

	/**
	 * Create an adapter receiving on the pipe.
	 * @param connectionFactory the pipe's settings
	 */
	public PipeInboundChannelAdapter(PipeConnectionFactory connectionFactory) {
		super(PipeConnectionFactory.TRANSPORT);
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
	protected void onInit() {
		super.onInit();
		this.connectionFactory.registerListener(getComponentName(), this);
	}

	@Override
	protected void doStart() {
		this.connectionFactory.registerListener(getComponentName(), this);
		this.connectionFactory.start(this);
	}

	@Override
	protected void doStop() {
		this.connectionFactory.stop(this);
	}

	@Override
	public void onMessage(FramedConnection connection, byte[] bytes) {
		getOperations().metrics().received(bytes.length);
		Message<?> message = this.connectionFactory.getMapper()
			.toMessage(connection.origin(), bytes, getMessageBuilderFactory());
		try {
			sendMessage(message);
		}
		catch (RuntimeException ex) {
			logger.error(ex, () -> "Flow failed for a message from " + connection.id() + " of pipe "
					+ this.connectionFactory.getName() + ", and no error channel took it");
		}
	}

	@Override
	public void onReadFailure(FramedConnection connection, Exception failure) {
		getOperations().metrics().receiveFailed();
	}

	@Override
	protected EndpointMetrics.Builder meters(EndpointMetrics.Builder meters) {
		return this.connectionFactory.withConnections(meters);
	}

	@Override
	public EndpointState getEndpointState() {
		return this.connectionFactory.state("inbound", isRunning());
	}

}
