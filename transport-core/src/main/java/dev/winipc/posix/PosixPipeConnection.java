package dev.winipc.posix;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.AbstractPipeConnection;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;

/**
 * A connected Unix domain stream socket. In {@link PipeMode#MESSAGE} each message is a
 * 4-byte big-endian length and the bytes — the framing of Python's
 * {@code multiprocessing.connection}; a negative length, or one above the maximum
 * message size, is a protocol error of the endpoint.
 *
 * @since 0.1.0
 */
final class PosixPipeConnection extends AbstractPipeConnection {

	/** Size of the {@link PipeMode#MESSAGE} length header. */
	static final int HEADER_SIZE = 4;

	private final SocketChannel channel;

	private final InputStream input;

	private final OutputStream output;

	private final byte[] header = new byte[HEADER_SIZE];

	private final byte[] outHeader = new byte[HEADER_SIZE];

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
	}

	@Override
	public byte @Nullable [] readMessage() throws IOException {
		requireMode(PipeMode.MESSAGE, "readMessage()");
		try {
			int got = this.input.readNBytes(this.header, 0, HEADER_SIZE);
			if (got == 0) {
				return null;
			}
			if (got < HEADER_SIZE) {
				throw protocolError("the peer went away " + got + " bytes into a message header");
			}
			int length = ((this.header[0] & 0xff) << 24) | ((this.header[1] & 0xff) << 16)
					| ((this.header[2] & 0xff) << 8) | (this.header[3] & 0xff);
			if (length < 0) {
				throw protocolError("a message header announced a negative length (" + length
						+ "); not the message framing");
			}
			if (length > options().maxMessageSize()) {
				throw protocolError("a message of " + length + " bytes exceeds the maximum message size of "
						+ options().maxMessageSize() + " bytes");
			}
			byte[] message = this.input.readNBytes(length);
			if (message.length < length) {
				throw protocolError("the peer went away " + message.length + " bytes into a " + length
						+ "-byte message; the part is discarded");
			}
			return message;
		}
		catch (IpcException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw PosixErrors.of("read", path(), ex);
		}
	}

	/** Nothing after a bad frame can be read in step: the connection goes. */
	private IpcException protocolError(String detail) {
		close();
		return new IpcException("read", path(), detail + "; closing the connection");
	}

	@Override
	public void writeMessage(byte[] bytes, int offset, int length) throws IOException {
		requireMode(PipeMode.MESSAGE, "writeMessage()");
		Objects.checkFromIndexSize(offset, length, bytes.length);
		synchronized (this.writeLock) {
			this.outHeader[0] = (byte) (length >>> 24);
			this.outHeader[1] = (byte) (length >>> 16);
			this.outHeader[2] = (byte) (length >>> 8);
			this.outHeader[3] = (byte) length;
			try {
				this.output.write(this.outHeader, 0, HEADER_SIZE);
				this.output.write(bytes, offset, length);
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
