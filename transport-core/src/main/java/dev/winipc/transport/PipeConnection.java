package dev.winipc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/**
 * One connected pipe instance: a server's view of one client, or a client's view of its
 * server. Reads and writes may run on different threads at the same time; concurrent
 * writers must serialize themselves.
 *
 * @since 0.1.0
 */
public interface PipeConnection extends Closeable {

	/**
	 * Return an identifier unique among this process's connections, used as the
	 * {@code winipc_connectionId} header.
	 * @return the connection id
	 */
	String id();

	/**
	 * Return the endpoint this connection belongs to.
	 * @return the endpoint name
	 */
	EndpointName endpoint();

	/**
	 * Return the OS path of the pipe, for messages.
	 * @return e.g. {@code \\.\pipe\orders} or {@code /tmp/CoreFxPipe_orders}
	 */
	String path();

	/**
	 * Return what the OS tells about the process at the other end.
	 * @return the peer identity
	 */
	PeerIdentity peer();

	/**
	 * Return how the pipe carries data.
	 * @return the mode
	 */
	PipeMode mode();

	/**
	 * Read the next whole message ({@link PipeMode#MESSAGE} only).
	 * @return the message, or {@code null} at a clean end of stream between messages
	 * @throws IpcException if the message exceeds the maximum message size, is cut short
	 * by the peer, or the OS reports an error
	 * @throws IOException on other I/O failures
	 */
	byte @Nullable [] readMessage() throws IOException;

	/**
	 * Write one whole message ({@link PipeMode#MESSAGE} only).
	 * @param bytes the buffer
	 * @param offset where the message starts
	 * @param length how many bytes it has
	 * @throws IOException if the write fails, e.g. the peer went away
	 */
	void writeMessage(byte[] bytes, int offset, int length) throws IOException;

	/**
	 * Return the stream of bytes from the peer ({@link PipeMode#BYTE} only).
	 * @return the input stream
	 */
	InputStream inputStream();

	/**
	 * Return the stream of bytes to the peer ({@link PipeMode#BYTE} only).
	 * @return the output stream
	 */
	OutputStream outputStream();

	/**
	 * Return whether the connection is still open on this side.
	 * @return {@code true} until {@link #close()}
	 */
	boolean isOpen();

	/**
	 * Close the connection, interrupting any read in progress. Idempotent.
	 */
	@Override
	void close();

}
