package dev.winipc.transport;

import java.io.IOException;

/**
 * A platform's named pipes: {@code \\.\pipe\NAME} on Windows, a Unix domain stream socket
 * on POSIX ({@link EndpointName#pipe}).
 * <pre class="code">
 * Pipes pipes = IpcPlatform.current().pipes();
 * try (PipeServer server = pipes.createServer(PipeOptions.of("orders"))) {
 *     PipeConnection client = server.accept();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface Pipes {

	/**
	 * Create a pipe server; it serves until closed.
	 * @param options the pipe's settings
	 * @return the server
	 * @throws IpcException if the OS refuses, e.g. the name is already served
	 * @throws IOException on other I/O failures
	 */
	PipeServer createServer(PipeOptions options) throws IOException;

	/**
	 * Create a pipe client; it connects on {@link PipeClient#connect()}.
	 * @param options the pipe's settings
	 * @return the client
	 */
	PipeClient createClient(PipeOptions options);

}
