package dev.winipc.integration.pipe;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.support.management.ManageableSmartLifecycle;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointOperations;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.WinIpcHeaders;

/**
 * Sends each request to a named pipe and returns the reply read from the same
 * connection. Exactly one request is in flight per connection, whatever the number of
 * calling threads and reconnects: a request holds its connection from the write until
 * its reply arrived, and a connection whose reply did not come within the reply timeout
 * is closed, so a late reply can never answer the next request.
 * <p>
 * In the {@link PipeRole#CLIENT} role it connects on first use and, when the connection
 * it was given is found dead, moves the request to a fresh connection (twice at most). In the
 * {@link PipeRole#SERVER} role the request goes to the client named by the
 * {@link WinIpcHeaders#CONNECTION_ID} header, or to the only connected client. It is its
 * pipe's listener, since the replies arrive as inbound messages. Its consumer endpoint
 * starts and stops it, not the application context on its own.
 *
 * @since 0.1.0
 */
public class PipeOutboundGateway extends AbstractReplyProducingMessageHandler
		implements ManageableSmartLifecycle, PipeConnectionFactory.Listener, WinIpcEndpoint {

	private static final byte[] CLOSED = new byte[0];

	/** How often a client-role request moves to a fresh connection when its own broke. */
	private static final int MAX_RECONNECTS = 2;

	private final PipeConnectionFactory connectionFactory;

	private final PipeSender sender;

	private final Map<String, BlockingQueue<byte[]>> replies = new ConcurrentHashMap<>();

	private final EndpointOperations operations = new EndpointOperations();

	private long replyTimeout = 10_000;

	/**
	 * Create a gateway requesting over the pipe.
	 * @param connectionFactory the pipe's settings
	 */
	public PipeOutboundGateway(PipeConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		Assert.isTrue(connectionFactory.getFraming() != PipeFraming.RAW,
				"raw framing carries one message per connection and cannot carry a reply");
		this.connectionFactory = connectionFactory;
		this.sender = new PipeSender(connectionFactory);
		setRequiresReply(true);
	}

	/** @return the pipe's settings and connections */
	public PipeConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	/** @param replyTimeout how long to wait for a reply, in milliseconds; default 10 s */
	public void setReplyTimeout(long replyTimeout) {
		Assert.isTrue(replyTimeout > 0, "replyTimeout must be positive");
		this.replyTimeout = replyTimeout;
	}

	@Override
	public String getComponentType() {
		return "winipc:pipe-outbound-gateway";
	}

	@Override
	protected void doInit() {
		super.doInit();
		this.connectionFactory.registerListener(getComponentName(), this);
	}

	@Override
	protected Object handleRequestMessage(Message<?> request) {
		EndpointMetrics metrics = this.operations.metrics();
		long started = metrics.sendStarted();
		try {
			byte[] bytes = this.connectionFactory.getMapper().fromMessage(request);
			Message<?> reply = exchange(request, bytes);
			metrics.sent(bytes.length, started);
			return reply;
		}
		catch (RuntimeException ex) {
			metrics.sendFailed();
			this.connectionFactory.failed(ex);
			throw ex;
		}
	}

	/** Send the request and return its reply, on a fresh connection if the first broke. */
	private Message<?> exchange(Message<?> request, byte[] bytes) {
		this.sender.requireFrameable(request, bytes);
		int reconnects = 0;
		while (true) {
			FramedConnection connection = target(request);
			BlockingQueue<byte[]> queue = this.replies.computeIfAbsent(connection.id(), id -> new LinkedBlockingQueue<>());
			byte[] reply;
			// The queue's lock is the connection's: one request from write to reply.
			synchronized (queue) {
				if (!connection.isOpen()) {
					// Closed after it was handed out; its queue may never be told.
					this.replies.remove(connection.id(), queue);
					if (this.connectionFactory.getRole() == PipeRole.CLIENT && reconnects++ < MAX_RECONNECTS) {
						continue;
					}
					throw new MessageDeliveryException(request, "Pipe " + this.connectionFactory.describe()
							+ " closed " + connection.id() + " before the request was sent");
				}
				discardStale(queue, connection);
				try {
					connection.send(bytes);
				}
				catch (IOException ex) {
					connection.close();
					if (this.connectionFactory.getRole() == PipeRole.CLIENT && reconnects++ < MAX_RECONNECTS) {
						// A server restart leaves the old connection broken: again on a new one.
						logger.debug(() -> "Reconnecting pipe " + this.connectionFactory.getName() + " after "
								+ ex.getMessage());
						continue;
					}
					throw this.sender.failure(request, ex);
				}
				reply = awaitReply(request, connection, queue);
			}
			if (reply == CLOSED) {
				throw new MessageDeliveryException(request, "Pipe " + this.connectionFactory.describe() + " closed "
						+ connection.id() + " before replying");
			}
			return this.connectionFactory.getMapper()
				.toMessage(connection.origin(), reply, getMessageBuilderFactory());
		}
	}

	private void discardStale(BlockingQueue<byte[]> queue, FramedConnection connection) {
		int stale = queue.size();
		if (stale > 0) {
			queue.clear();
			logger.warn(() -> "Discarded " + stale + " unsolicited message(s) from " + connection.id() + " of pipe "
					+ this.connectionFactory.getName());
		}
	}

	private byte[] awaitReply(Message<?> request, FramedConnection connection, BlockingQueue<byte[]> queue) {
		byte @Nullable [] reply;
		try {
			reply = queue.poll(this.replyTimeout, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			connection.close();
			throw new MessageHandlingException(request,
					"Interrupted awaiting a reply on pipe " + this.connectionFactory.getName(), ex);
		}
		if (reply == null) {
			connection.close();
			throw new MessageTimeoutException(request, "No reply on " + connection.id() + " of pipe "
					+ this.connectionFactory.describe() + " within " + this.replyTimeout + " ms; connection closed");
		}
		return reply;
	}

	private FramedConnection target(Message<?> request) {
		if (this.connectionFactory.getRole() == PipeRole.CLIENT) {
			return this.sender.obtain(request);
		}
		@Nullable String connectionId = request.getHeaders().get(WinIpcHeaders.CONNECTION_ID, String.class);
		if (connectionId != null) {
			return this.sender.connection(request, connectionId);
		}
		Collection<FramedConnection> clients = this.connectionFactory.getConnections();
		if (clients.size() != 1) {
			throw new MessageDeliveryException(request, "Pipe " + this.connectionFactory.describe() + " has "
					+ clients.size() + " clients; set the " + WinIpcHeaders.CONNECTION_ID + " header to choose one");
		}
		return clients.iterator().next();
	}

	@Override
	public void onMessage(FramedConnection connection, byte[] message) {
		this.operations.metrics().received(message.length);
		this.replies.computeIfAbsent(connection.id(), id -> new LinkedBlockingQueue<>()).add(message);
	}

	@Override
	public void onClose(FramedConnection connection) {
		@Nullable BlockingQueue<byte[]> queue = this.replies.remove(connection.id());
		if (queue != null) {
			queue.add(CLOSED);
		}
	}

	@Override
	public void onReadFailure(FramedConnection connection, Exception failure) {
		this.operations.metrics().receiveFailed();
	}

	@Override
	public boolean keepsConnected() {
		return false;
	}

	@Override
	public void start() {
		this.connectionFactory.registerListener(getComponentName(), this);
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

	/**
	 * Return {@code false}: the consumer endpoint that feeds this gateway starts it.
	 * @return {@code false}
	 */
	@Override
	public boolean isAutoStartup() {
		return false;
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
		return this.connectionFactory.state("outbound-gateway", isRunning());
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor captor) {
		super.registerMetricsCaptor(captor);
		this.operations.setMetricsCaptor(captor);
		registerMeters();
	}

	private void registerMeters() {
		EndpointMetrics.Builder meters = EndpointMetrics.builder(getEndpointId(), PipeConnectionFactory.TRANSPORT,
				"outbound");
		this.operations.registerMetrics(this.connectionFactory.withConnections(meters.sends().receives()));
	}

	@Override
	public void destroy() {
		this.operations.removeMetrics();
		super.destroy();
	}

}
