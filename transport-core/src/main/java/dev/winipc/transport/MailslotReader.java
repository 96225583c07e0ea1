package dev.winipc.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * The reading end of a mailslot: it owns the OS object and takes its messages one at a
 * time, in the order each writer sent them. One thread reads at a time.
 * <pre class="code">
 * try (MailslotReader reader = IpcPlatform.current().mailslots().createReader(MailslotOptions.of("HelloWorld"))) {
 *     for (MailslotMessage message = reader.read(); message != null; message = reader.read()) {
 *         handle(message.payload());
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface MailslotReader extends Closeable {

	/**
	 * Return the options this reader was created with.
	 * @return the options
	 */
	MailslotOptions options();

	/**
	 * Return the OS name of the mailslot, for messages.
	 * @return e.g. {@code \\.\mailslot\HelloWorld} or {@code /tmp/winipc-mailslot-HelloWorld}
	 */
	String path();

	/**
	 * Read the next message, waiting up to the options' read timeout for one to arrive;
	 * after {@link #stopReceiving()}, read what is queued without waiting.
	 * @return the message, or {@code null} if none arrived within the read timeout, or
	 * the queue is empty after {@link #stopReceiving()}
	 * @throws IpcException if a message exceeds the maximum message size (it is
	 * discarded, the next read goes on with the next message), the reader is closed, or
	 * the OS reports an error
	 * @throws IOException on other I/O failures
	 */
	@Nullable MailslotMessage read() throws IOException;

	/**
	 * Return the size of the next message waiting, without taking it.
	 * @return the size in bytes, or empty if no message is waiting
	 * @throws IOException if the OS refuses
	 */
	OptionalInt nextMessageSize() throws IOException;

	/**
	 * Return how many messages are waiting, where the OS tells it.
	 * @return the count ({@code GetMailslotInfo} on Windows), or empty where the OS does
	 * not tell it (POSIX)
	 * @throws IOException if the OS refuses
	 */
	OptionalInt messageCount() throws IOException;

	/**
	 * Stop receiving, so that a reader can stop without losing what writers sent: from
	 * now on writers are refused where the OS allows it (POSIX: {@code EPIPE}; Windows
	 * offers no way), a waiting {@link #read()} returns, and later reads take what is
	 * queued without waiting, then return {@code null}. Idempotent.
	 */
	void stopReceiving();

	/**
	 * Close the mailslot: wake a waiting {@link #read()}, which fails, and release the OS
	 * object (POSIX: remove the socket file). Messages still queued are discarded, with a
	 * warning that counts them where the OS tells it. Idempotent.
	 */
	@Override
	void close();

}
