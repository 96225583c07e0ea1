package dev.winipc.windows;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The bytes a byte-mode pipe sends. Each write reaches the pipe before it returns, so
 * {@link #flush()} has nothing to do. Closing the stream closes the connection, as a
 * socket's does.
 */
final class PipeOutputStream extends OutputStream {

	private final WindowsPipeConnection connection;

	private final byte[] single = new byte[1];

	PipeOutputStream(WindowsPipeConnection connection) {
		this.connection = connection;
	}

	@Override
	public void write(int value) throws IOException {
		// One writer thread at a time, as PipeConnection requires.
		this.single[0] = (byte) value;
		this.connection.write(this.single, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.connection.write(bytes, offset, length);
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
