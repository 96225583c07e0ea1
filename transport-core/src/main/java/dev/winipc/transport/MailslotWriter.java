package dev.winipc.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * A writer to a mailslot: each {@link #write} sends one message. A writer may be used by
 * several threads; each thread's messages arrive in the order it wrote them.
 * <pre class="code">
 * try (MailslotWriter writer = IpcPlatform.current().mailslots().createWriter(MailslotOptions.of("HelloWorld"))) {
 *     writer.write(bytes, 0, bytes.length);
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface MailslotWriter extends Closeable {

	/**
	 * Return the options this writer was created with.
	 * @return the options
	 */
	MailslotOptions options();

	/**
	 * Return the OS name of the mailslot, for messages.
	 * @return e.g. {@code \\.\mailslot\HelloWorld} or {@code /tmp/winipc-mailslot-HelloWorld}
	 */
	String path();

	/**
	 * Send one message. It fails at once when no reader has the slot, and after the send
	 * timeout when the reader's queue stays full; it is never dropped silently.
	 * @param bytes the buffer
	 * @param offset where the message starts
	 * @param length how many bytes it has, possibly none
	 * @throws IpcException naming the slot and the OS error: no reader
	 * ({@code ERROR_FILE_NOT_FOUND}, {@code ENOENT}, {@code ECONNREFUSED}), a reader that
	 * is stopping ({@code EPIPE}), a full queue past the send timeout, a message above
	 * the maximum message size (refused before it is sent), a slot of another user
	 * @throws IOException on other I/O failures
	 */
	void write(byte[] bytes, int offset, int length) throws IOException;

	/**
	 * Release the writer's resources; a write waiting for room fails. Idempotent.
	 */
	@Override
	void close();

}
