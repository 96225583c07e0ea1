package dev.winipc.integration.pipe;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import dev.winipc.integration.MessageOrigin;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeConnection;

/**
 * A pipe connection with its framing: receives and sends whole messages whatever the
 * framing. Sends are serialized; one thread receives.
 *
 * @since 0.1.0
 */
public final class FramedConnection {

	private final PipeConnection connection;

	private final PipeFraming framing;

	private final @Nullable AbstractByteArraySerializer serializer;

	private final @Nullable InputStream input;

	private final @Nullable OutputStream output;

	private final Object sendLock = new Object();

	private final MessageOrigin origin;

	private volatile boolean closedHere;

	FramedConnection(PipeConnection connection, PipeFraming framing, int maxMessageSize, int bufferSize) {
		this.connection = connection;
		this.framing = framing;
		this.origin = MessageOrigin.of(PipeConnectionFactory.TRANSPORT, connection.endpoint().name(), connection.id(),
				connection.peer());
		if (framing == PipeFraming.MESSAGE) {
			this.serializer = null;
			this.input = null;
			this.output = null;
		}
		else {
			this.serializer = framing.serializer(maxMessageSize);
			// The terminator framings read a byte at a time: buffer the pipe underneath.
			this.input = new BufferedInputStream(connection.inputStream(), bufferSize);
			this.output = new BufferedOutputStream(connection.outputStream(), bufferSize);
		}
	}

	/**
	 * Return the connection's id, the {@code winipc_connectionId} header.
	 * @return the id
	 */
	public String id() {
		return this.connection.id();
	}

	/**
	 * Return what the OS tells about the peer.
	 * @return the peer
	 */
	public PeerIdentity peer() {
		return this.connection.peer();
	}

	/**
	 * Return where this connection's messages come from; its headers are built once.
	 * @return the origin
	 */
	public MessageOrigin origin() {
		return this.origin;
	}

	/**
	 * Return whether the connection is open.
	 * @return {@code false} once closed
	 */
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	/**
	 * Receive the next message.
	 * @return the message, or {@code null} when the peer closed between messages
	 * @throws IOException if the frame is malformed, oversize or cut short, or the read
	 * fails; the message names the pipe
	 */
	byte @Nullable [] receive() throws IOException {
		if (this.serializer == null) {
			return this.connection.readMessage();
		}
		try {
			return this.serializer.deserialize(this.input);
		}
		catch (SoftEndOfStreamException ex) {
			return null;
		}
		catch (IpcException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new IpcException("read", this.connection.path(), null, -1,
					this.framing.propertyValue() + " framing: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Send one message.
	 * @param payload the bytes
	 * @throws IpcException naming the pipe if the message cannot be framed: too long for
	 * a length header, or holding a terminator framing's terminator (it would arrive as
	 * two messages); nothing is written then
	 * @throws IOException if the write fails
	 */
	void send(byte[] payload) throws IOException {
		synchronized (this.sendLock) {
			if (this.serializer == null) {
				this.connection.writeMessage(payload, 0, payload.length);
				return;
			}
			this.framing.requireFrameable(payload, this.connection.path());
			this.serializer.serialize(payload, this.output);
			this.output.flush();
			if (this.framing == PipeFraming.RAW) {
				// A raw message ends where the stream ends.
				close();
			}
		}
	}

	/**
	 * Close the connection.
	 */
	public void close() {
		this.closedHere = true;
		this.connection.close();
	}

	/**
	 * Return whether this side closed the connection on purpose, rather than the
	 * transport closing it after bad input.
	 * @return {@code true} once {@link #close()} was called
	 */
	boolean isClosedHere() {
		return this.closedHere;
	}

	@Override
	public String toString() {
		return this.connection.id();
	}

}
