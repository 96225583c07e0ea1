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
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.util.Assert;

import dev.winipc.integration.WinIpcHeaders;

/**
 * Sends each request to a named pipe and returns the reply read from the same
 * connection. One request is in flight per connection; a connection whose reply did not
 * come within the reply timeout is closed, so a late reply can never answer the next
 * request.
 * <p>
 * In the {@link PipeRole#CLIENT} role it connects on first use. In the
 * {@link PipeRole#SERVER} role the request goes to the client named by the
 * {@link WinIpcHeaders#CONNECTION_ID} header, or to the only connected client.
 *
 * @since 0.1.0
 */
public class PipeOutboundGateway extends AbstractReplyProducingMessageHandler
		implements ManageableSmartLifecycle, PipeConnectionFactory.Listener {

	private static final byte[] CLOSED = new byte[0];

	private final PipeConnectionFactory connectionFactory;

	private final PipeSender sender;

	private final Map<String, BlockingQueue<byte[]>> replies = new ConcurrentHashMap<>();

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
		this.replyTimeout = replyTimeout;
	}

	@Override
	public String getComponentType() {
		return "winipc:pipe-outbound-gateway";
	}

	@Override
	protected Object handleRequestMessage(Message<?> request) {
		byte[] bytes = this.connectionFactory.getMapper().fromMessage(request);
		FramedConnection connection = target(request);
		BlockingQueue<byte[]> queue = this.replies.computeIfAbsent(connection.id(), id -> new LinkedBlockingQueue<>());
		byte[] reply;
		synchronized (queue) {
			int stale = queue.size();
			if (stale > 0) {
				queue.clear();
				String staleId = connection.id();
				logger.warn(() -> "Discarded " + stale + " unsolicited message(s) from " + staleId
						+ " of pipe " + this.connectionFactory.getName());
			}
			FramedConnection used = (this.connectionFactory.getRole() == PipeRole.CLIENT)
					? this.sender.sendAsClient(request, bytes)
					: this.sender.sendTo(request, connection.id(), bytes);
			if (used != connection) {
				// The client connection was replaced while sending: wait on the new one.
				queue = this.replies.computeIfAbsent(used.id(), id -> new LinkedBlockingQueue<>());
				connection = used;
			}
			try {
				reply = queue.poll(this.replyTimeout, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				connection.close();
				throw new MessageHandlingException(request, "Interrupted awaiting a reply on pipe "
						+ this.connectionFactory.getName(), ex);
			}
		}
		if (reply == null) {
			connection.close();
			throw new MessageTimeoutException(request, "No reply on " + connection.id() + " of pipe "
					+ this.connectionFactory.describe() + " within " + this.replyTimeout + " ms; connection closed");
		}
		if (reply == CLOSED) {
			throw new MessageDeliveryException(request, "Pipe " + this.connectionFactory.describe() + " closed "
					+ connection.id() + " before replying");
		}
		return this.connectionFactory.getMapper().toMessage(this.connectionFactory.getName(), connection, reply, getMessageBuilderFactory());
	}

	private FramedConnection target(Message<?> request) {
		if (this.connectionFactory.getRole() == PipeRole.CLIENT) {
			try {
				return this.connectionFactory.obtainClientConnection();
			}
			catch (IOException ex) {
				throw new MessageDeliveryException(request,
						"Failed to send to pipe " + this.connectionFactory.getName() + ": " + ex.getMessage(), ex);
			}
		}
		@Nullable String connectionId = request.getHeaders().get(WinIpcHeaders.CONNECTION_ID, String.class);
		if (connectionId != null) {
			@Nullable FramedConnection connection = this.connectionFactory.getConnection(connectionId);
			if (connection == null) {
				throw new MessageDeliveryException(request, "Pipe " + this.connectionFactory.describe()
						+ " has no open connection " + connectionId);
			}
			return connection;
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
	public void start() {
		this.connectionFactory.start(this, false);
	}

	@Override
	public void stop() {
		this.connectionFactory.stop();
	}

	@Override
	public boolean isRunning() {
		return this.connectionFactory.isRunning();
	}

}
