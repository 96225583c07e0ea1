package dev.winipc.windows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The bytes a byte-mode pipe receives. Reads go to the pipe one buffer's worth at a time,
 * so that Spring's deserializers, which read a byte at a time, do not make one
 * {@code ReadFile} per byte. Closing the stream closes the connection, as a socket's does.
 */
final class PipeInputStream extends InputStream {

	private final WindowsPipeConnection connection;

	private final byte[] buffer;

	private int position;

	private int limit;

	private boolean endOfStream;

	PipeInputStream(WindowsPipeConnection connection, int bufferSize) {
		this.connection = connection;
		this.buffer = new byte[bufferSize];
	}

	@Override
	public int read() throws IOException {
		if (!fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, target.length);
		if (length == 0) {
			return 0;
		}
		if (!fill()) {
			return -1;
		}
		int count = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public int available() {
		return this.limit - this.position;
	}

	@Override
	public void close() {
		this.connection.close();
	}

	private boolean fill() throws IOException {
		if (this.position < this.limit) {
			return true;
		}
		if (this.endOfStream) {
			return false;
		}
		int count = this.connection.read(this.buffer, 0, this.buffer.length);
		if (count < 0) {
			this.endOfStream = true;
			return false;
		}
		this.position = 0;
		this.limit = count;
		return true;
	}

}
