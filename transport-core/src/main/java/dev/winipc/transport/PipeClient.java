package dev.winipc.transport;

import java.io.IOException;

/**
 * The connecting end of a named pipe.
 *
 * @since 0.1.0
 */
public interface PipeClient {

	/**
	 * Return the options this client was created with.
	 * @return the options
	 */
	PipeOptions options();

	/**
	 * Connect to the server, retrying while the pipe is busy or not yet served, up to
	 * the options' connect timeout. The server must run as the current user.
	 * @return the connection
	 * @throws IpcException naming the pipe and the last OS error if no connection was
	 * made in time, or the server is not owned by the current user
	 * @throws IOException on other I/O failures
	 */
	PipeConnection connect() throws IOException;

}
