package dev.winipc.posix;

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

	/**
	 * {@link PipeMode#MESSAGE}: bytes read and not yet consumed, between position and
	 * limit. A direct buffer, so the OS reads into it with no copy behind.
	 */
	private final @Nullable ByteBuffer in;

	/**
	 * {@link PipeMode#MESSAGE}: a message's header and, when they fit, its bytes, written
	 * by the OS straight from here in one call.
	 */
	private final @Nullable ByteBuffer out;

	private final Object writeLock = new Object();

	private final AtomicBoolean closed = new AtomicBoolean();

	PosixPipeConnection(SocketChannel channel, PipeOptions options, Path path, PeerIdentity peer) {
		super(options, peer, path.toString());
		this.channel = channel;
		// Raw channel streams: Channels.newInputStream/newOutputStream share one lock, so
		// a blocked read would stall a write on the same socket.
		this.input = new ChannelInput();
		this.output = new ChannelOutput();
		boolean message = options.mode() == PipeMode.MESSAGE;
		int bufferSize = Math.max(options.bufferSize(), HEADER_SIZE);
		this.in = message ? ByteBuffer.allocateDirect(bufferSize).limit(0) : null;
		this.out = message ? ByteBuffer.allocateDirect(bufferSize) : null;
	}

	@Override
	public byte @Nullable [] readMessage() throws IOException {
		requireMode(PipeMode.MESSAGE, "readMessage()");
		ByteBuffer buffered = Objects.requireNonNull(this.in);
		try {
			if (!fill(buffered, HEADER_SIZE)) {
				if (!buffered.hasRemaining()) {
					return null;
				}
				throw protocolError("the peer went away " + buffered.remaining() + " bytes into a message header");
			}
			int length = buffered.getInt();
			if (length < 0) {
				throw protocolError("a message header announced a negative length (" + length
						+ "); not the message framing");
			}
			if (length > options().maxMessageSize()) {
				throw protocolError("a message of " + length + " bytes exceeds the maximum message size of "
						+ options().maxMessageSize() + " bytes");
			}
			byte[] message = new byte[length];
			int got = Math.min(length, buffered.remaining());
			buffered.get(message, 0, got);
			if (got < length) {
				// The rest of a large message goes straight into it.
				got += readFully(ByteBuffer.wrap(message, got, length - got));
			}
			if (got < length) {
				throw protocolError("the peer went away " + got + " bytes into a " + length
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

	/** Read until at least {@code needed} bytes are buffered: {@code false} at the end of the stream first. */
	private boolean fill(ByteBuffer buffered, int needed) throws IOException {
		if (buffered.remaining() >= needed) {
			return true;
		}
		buffered.compact();
		try {
			while (buffered.position() < needed) {
				if (this.channel.read(buffered) < 0) {
					return false;
				}
			}
			return true;
		}
		finally {
			buffered.flip();
		}
	}

	/** Read until the target is full or the stream ends; return the bytes read. */
	private int readFully(ByteBuffer target) throws IOException {
		int start = target.position();
		while (target.hasRemaining() && this.channel.read(target) >= 0) {
			// until full or at the end
		}
		return target.position() - start;
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
		ByteBuffer frame = Objects.requireNonNull(this.out);
		synchronized (this.writeLock) {
			try {
				frame.clear().putInt(length);
				if (length <= frame.remaining()) {
					frame.put(bytes, offset, length).flip();
					while (frame.hasRemaining()) {
						this.channel.write(frame);
					}
				}
				else {
					ByteBuffer[] parts = { frame.flip(), ByteBuffer.wrap(bytes, offset, length) };
					while (parts[1].hasRemaining()) {
						this.channel.write(parts);
					}
				}
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
