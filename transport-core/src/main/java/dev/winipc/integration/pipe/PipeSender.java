package dev.winipc.integration.pipe;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.transport.IpcException;

/**
 * The outbound side shared by the outbound adapter and gateway: picks the connection a
 * message goes to and turns every failure into an exception that names the pipe.
 *
 * @since 0.1.0
 */
final class PipeSender {

	private static final LogAccessor logger = new LogAccessor(PipeSender.class);

	private final PipeConnectionFactory connectionFactory;

	PipeSender(PipeConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Fail, before any connection is used, if the bytes cannot be framed: too long for a
	 * length header, or holding a terminator framing's terminator.
	 */
	void requireFrameable(Message<?> message, byte[] bytes) {
		String problem = this.connectionFactory.getFraming().problemFraming(bytes);
		if (problem != null) {
			throw failure(message, new IpcException("write", this.connectionFactory.describe(), problem));
		}
	}

	/**
	 * Send on the client connection; a connection found dead is replaced once, since a
	 * server restart leaves the previous one broken.
	 */
	FramedConnection sendAsClient(Message<?> message, byte[] bytes) {
		FramedConnection connection = obtain(message);
		try {
			connection.send(bytes);
			return connection;
		}
		catch (IOException first) {
			connection.close();
			logger.debug(() -> "Reconnecting pipe " + this.connectionFactory.getName() + " after " + first.getMessage());
			FramedConnection fresh = obtain(message);
			try {
				fresh.send(bytes);
				return fresh;
			}
			catch (IOException ex) {
				fresh.close();
				throw failure(message, ex);
			}
		}
	}

	/**
	 * Send to one client of a server.
	 */
	FramedConnection sendTo(Message<?> message, String connectionId, byte[] bytes) {
		FramedConnection connection = connection(message, connectionId);
		try {
			connection.send(bytes);
			return connection;
		}
		catch (IOException ex) {
			connection.close();
			throw failure(message, ex);
		}
	}

	/**
	 * Send to one of several clients; a failure is logged and closes that client.
	 */
	boolean trySend(FramedConnection connection, byte[] bytes) {
		try {
			connection.send(bytes);
			return true;
		}
		catch (IOException ex) {
			connection.close();
			logger.error(() -> "Closed " + connection.id() + " of pipe " + this.connectionFactory.getName()
					+ " after a failed send: " + ex.getMessage());
			return false;
		}
	}

	/**
	 * Return the open connection of a server with this id.
	 */
	FramedConnection connection(Message<?> message, String connectionId) {
		@Nullable FramedConnection connection = this.connectionFactory.getConnection(connectionId);
		if (connection == null) {
			throw new MessageDeliveryException(message, "Pipe " + this.connectionFactory.describe()
					+ " has no open connection " + connectionId);
		}
		return connection;
	}

	/**
	 * Return the client connection, connecting if there is none.
	 */
	FramedConnection obtain(Message<?> message) {
		try {
			return this.connectionFactory.obtainClientConnection();
		}
		catch (IOException ex) {
			throw failure(message, ex);
		}
	}

	MessageDeliveryException failure(Message<?> message, IOException ex) {
		return new MessageDeliveryException(message,
				"Failed to send to pipe " + this.connectionFactory.getName() + ": " + ex.getMessage(), ex);
	}

}
