package dev.winipc.transport;

/**
 * One message read from a mailslot, and what the OS tells about its writer.
 *
 * @param payload the bytes of the message, possibly none
 * @param sender the writer: its process and user on Linux ({@code SCM_CREDENTIALS}),
 * {@link PeerIdentity#UNKNOWN} where the OS does not tell (Windows, macOS)
 * @since 0.1.0
 */
public record MailslotMessage(byte[] payload, PeerIdentity sender) {

}
