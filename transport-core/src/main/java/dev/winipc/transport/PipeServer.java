package dev.winipc.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * The serving end of a named pipe: owns the OS object and hands out one
 * {@link PipeConnection} per client.
 * <pre class="code">
 * try (PipeServer server = IpcPlatform.current().pipes().createServer(PipeOptions.of("orders"))) {
 *     PipeConnection client = server.accept();
 *     byte[] request = client.readMessage();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface PipeServer extends Closeable {

	/**
	 * Return the options this server was created with.
	 * @return the options
	 */
	PipeOptions options();

	/**
	 * Wait for the next client.
	 * @return the connection to the client
	 * @throws IpcException if the OS refuses, or the server was closed meanwhile
	 * @throws IOException on other I/O failures
	 */
	PipeConnection accept() throws IOException;

	/**
	 * Stop accepting, wake a waiting {@link #accept()} and release the OS object
	 * (POSIX: remove the socket file). Connections already accepted stay open.
	 */
	@Override
	void close();

}
