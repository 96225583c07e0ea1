package dev.winipc.integration.pipe;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.gateway.MessagingGatewaySupport;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointOperations;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.WinIpcErrorMessageStrategy;

/**
 * Receives requests from a named pipe, sends each to the request channel and writes the
 * reply back on the connection the request came from; requests on one connection are
 * answered in order. In the {@link PipeRole#SERVER} role it serves many clients at once;
 * in the {@link PipeRole#CLIENT} role it answers requests from a native server.
 * <p>
 * When the flow fails and an error channel is set, the error goes there and what the
 * error flow replies is the reply, as for any Spring Integration gateway. Without one the
 * error goes to Spring Integration's {@code errorChannel}. When there is no reply — the
 * flow failed, the error flow or the flow gave none within the reply timeout — the
 * connection is closed, so the peer sees the end of the stream rather than waiting for a
 * reply that will not come. A stop lets the requests being handled finish and their
 * replies go out, within the pipe's shutdown timeout.
 *
 * @since 0.1.0
 */
public class PipeInboundGateway extends MessagingGatewaySupport
		implements PipeConnectionFactory.Listener, WinIpcEndpoint {

	private final PipeConnectionFactory connectionFactory;

	private final EndpointOperations operations = new EndpointOperations();

	/**
	 * Create a gateway answering on the pipe.
	 * @param connectionFactory the pipe's settings
	 */
	@SuppressWarnings("this-escape")
	public PipeInboundGateway(PipeConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(connectionFactory.getFraming() != PipeFraming.RAW,
				"raw framing carries one message per connection and cannot carry a reply");
		this.connectionFactory = connectionFactory;
		setErrorMessageStrategy(new WinIpcErrorMessageStrategy(this));
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
		EndpointMetrics metrics = this.operations.metrics();
		metrics.received(bytes.length);
		long started = metrics.sendStarted();
		String pipe = this.connectionFactory.getName();
		Message<?> request = this.connectionFactory.getMapper()
			.toMessage(connection.origin(), bytes, getMessageBuilderFactory());
		@Nullable Message<?> reply;
		try {
			reply = sendAndReceiveMessage(request);
		}
		catch (RuntimeException ex) {
			failed(connection, request, ex);
			return;
		}
		if (reply == null) {
			logger.error(() -> "Closing " + connection.id() + " of pipe " + pipe + ": no reply to its request");
			connection.close();
			return;
		}
		try {
			byte[] replyBytes = this.connectionFactory.getMapper().fromMessage(reply);
			connection.send(replyBytes);
			metrics.sent(replyBytes.length, started);
		}
		catch (IOException | RuntimeException ex) {
			metrics.sendFailed();
			this.connectionFactory.failed(ex);
			logger.error(() -> "Closing " + connection.id() + " of pipe " + pipe + ": the reply could not be sent: "
					+ ex.getMessage());
			connection.close();
		}
	}

	/**
	 * The flow failed with no error channel set (one that is set has had the error
	 * already): send the error to Spring Integration's {@code errorChannel}, then close
	 * the connection, since no reply will come.
	 */
	private void failed(FramedConnection connection, Message<?> request, RuntimeException ex) {
		String closing = "Closing " + connection.id() + " of pipe " + this.connectionFactory.getName()
				+ ": the flow failed on its request";
		MessageChannel errors = (getErrorChannel() == null) ? this.operations.defaultErrorChannel(getBeanFactory())
				: null;
		boolean reported = false;
		if (errors != null) {
			try {
				reported = errors.send(buildErrorMessage(request, ex));
			}
			catch (RuntimeException failure) {
				ex.addSuppressed(failure);
			}
		}
		if (reported) {
			logger.error(() -> closing + " (sent to the errorChannel): " + ex.getMessage());
		}
		else {
			logger.error(ex, () -> closing);
		}
		connection.close();
	}

	@Override
	public String getEndpointId() {
		return this.operations.endpointId(getComponentName(), getComponentType(), getBeanFactory());
	}

	@Override
	public void setEndpointId(String endpointId) {
		this.operations.setEndpointId(endpointId);
	}

	@Override
	public EndpointState getEndpointState() {
		return this.connectionFactory.state("inbound-gateway", isRunning());
	}

	@Override
	public void onReadFailure(FramedConnection connection, Exception failure) {
		this.operations.metrics().receiveFailed();
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor captor) {
		super.registerMetricsCaptor(captor);
		this.operations.setMetricsCaptor(captor);
		registerMeters();
	}

	private void registerMeters() {
		EndpointMetrics.Builder meters = EndpointMetrics.builder(getEndpointId(), PipeConnectionFactory.TRANSPORT,
				"inbound");
		this.operations.registerMetrics(this.connectionFactory.withConnections(meters.receives().sends()));
	}

	@Override
	public void destroy() {
		this.operations.removeMetrics();
		super.destroy();
	}

}
