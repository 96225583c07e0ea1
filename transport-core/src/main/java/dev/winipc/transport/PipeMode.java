package dev.winipc.transport;

/**
 * How a pipe carries data.
 *
 * @since 0.1.0
 */
public enum PipeMode {

	/**
	 * Whole messages: a Win32 message-mode pipe ({@code PIPE_TYPE_MESSAGE}); on POSIX each
	 * message is a 4-byte big-endian length followed by the bytes, as Python's
	 * {@code multiprocessing.connection} writes them. Use
	 * {@link PipeConnection#readMessage()} and {@link PipeConnection#writeMessage}.
	 */
	MESSAGE,

	/**
	 * A byte stream: a Win32 byte-mode pipe; on POSIX the socket's stream. Use
	 * {@link PipeConnection#inputStream()} and {@link PipeConnection#outputStream()} with
	 * a framing of your choice.
	 */
	BYTE

}
