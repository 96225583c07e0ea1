package dev.winipc.transport;

import java.io.IOException;

/**
 * A platform's mailslots: {@code \\.\mailslot\NAME} on Windows, a Unix datagram socket
 * on POSIX ({@link EndpointName#mailslot}). One reader creates the slot; any number of
 * writers send it one message per write.
 * <pre class="code">
 * Mailslots mailslots = IpcPlatform.current().mailslots();
 * try (MailslotReader reader = mailslots.createReader(MailslotOptions.of("HelloWorld"))) {
 *     MailslotMessage message = reader.read();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface Mailslots {

	/**
	 * Create the mailslot and its reader; the slot exists until the reader is closed.
	 * @param options the mailslot's settings
	 * @return the reader
	 * @throws IpcException if the OS refuses, e.g. another reader holds the name
	 * @throws IOException on other I/O failures
	 */
	MailslotReader createReader(MailslotOptions options) throws IOException;

	/**
	 * Create a writer to the mailslot; it finds the slot on each write, so it may be
	 * created before the reader and outlive a reader's restart.
	 * @param options the mailslot's settings
	 * @return the writer
	 * @throws IpcException if the OS refuses the resources a writer needs
	 * @throws IOException on other I/O failures
	 */
	MailslotWriter createWriter(MailslotOptions options) throws IOException;

}
