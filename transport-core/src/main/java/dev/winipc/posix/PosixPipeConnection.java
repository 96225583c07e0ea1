package dev.winipc.posix;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.AbstractPipeConnection;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;

/**
 * A connected Unix domain stream socket. In {@link PipeMode#MESSAGE} each message is a
 * 4-byte big-endian length and the bytes, read and written by Spring Integration's
 * {@link ByteArrayLengthHeaderSerializer} — the framing of Python's
 * {@code multiprocessing.connection}.
 *
 * @since 0.1.0
 */
final class PosixPipeConnection extends AbstractPipeConnection {

	private final SocketChannel channel;

	private final InputStream input;

	private final OutputStream output;

	private final ByteArrayLengthHeaderSerializer framing;

	private final Object writeLock = new Object();

	private final AtomicBoolean closed = new AtomicBoolean();

	PosixPipeConnection(SocketChannel channel, PipeOptions options, Path path, PeerIdentity peer) {
		super(options, peer, path.toString());
		this.channel = channel;
		// Raw channel streams: Channels.newInputStream/newOutputStream share one lock, so
		// a blocked read would stall a write on the same socket.
		InputStream raw = new ChannelInput();
		OutputStream rawOut = new ChannelOutput();
		boolean message = options.mode() == PipeMode.MESSAGE;
		this.input = message ? new BufferedInputStream(raw, options.bufferSize()) : raw;
		this.output = message ? new BufferedOutputStream(rawOut, options.bufferSize()) : rawOut;
		this.framing = new ByteArrayLengthHeaderSerializer(ByteArrayLengthHeaderSerializer.HEADER_SIZE_INT);
		this.framing.setMaxMessageSize(options.maxMessageSize());
	}

	@Override
	public byte @org.jspecify.annotations.Nullable [] readMessage() throws IOException {
		requireMode(PipeMode.MESSAGE, "readMessage()");
		try {
			return this.framing.deserialize(this.input);
		}
		catch (SoftEndOfStreamException ex) {
			return null;
		}
		catch (IpcException ex) {
			throw ex;
		}
		catch (IOException ex) {
			if (!isOpen()) {
				throw PosixErrors.of("read", path(), ex);
			}
			// The serializer reports oversize, negative and truncated frames as plain
			// IOExceptions; they are protocol errors of this endpoint.
			throw new IpcException("read", path(), ex.getMessage());
		}
	}

	@Override
	public void writeMessage(byte[] bytes, int offset, int length) throws IOException {
		requireMode(PipeMode.MESSAGE, "writeMessage()");
		synchronized (this.writeLock) {
			try {
				this.framing.serialize((offset == 0 && length == bytes.length) ? bytes
						: java.util.Arrays.copyOfRange(bytes, offset, offset + length), this.output);
				this.output.flush();
			}
			catch (IOException ex) {
				throw PosixErrors.of("write", path(), ex);
			}
		}
	}

	@Override
	public InputStream inputStream() {
		requireMode(PipeMode.BYTE, "inputStream()");
		return this.input;
	}

	@Override
	public OutputStream outputStream() {
		requireMode(PipeMode.BYTE, "outputStream()");
		return this.output;
	}

	@Override
	public boolean isOpen() {
		return !this.closed.get();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// Closing a socket releases the descriptor even when close reports an error.
			}
		}
	}

	private final class ChannelInput extends InputStream {

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return (n < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			try {
				return PosixPipeConnection.this.channel.read(ByteBuffer.wrap(bytes, offset, length));
			}
			catch (IOException ex) {
				throw PosixErrors.of("read", path(), ex);
			}
		}

		@Override
		public void close() {
			PosixPipeConnection.this.close();
		}

	}

	private final class ChannelOutput extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
			try {
				while (buffer.hasRemaining()) {
					PosixPipeConnection.this.channel.write(buffer);
				}
			}
			catch (IOException ex) {
				throw PosixErrors.of("write", path(), ex);
			}
		}

		@Override
		public void close() {
			PosixPipeConnection.this.close();
		}

	}

}
