package dev.winipc.autoconfigure;

/**
 * Which way messages flow through a mailslot endpoint declared under
 * {@code winipc.mailslots.<id>.direction}.
 *
 * @since 0.1.0
 */
public enum MailslotDirection {

	/** This application creates the mailslot and sends what arrives to the channel. */
	INBOUND,

	/** Messages sent to the channel are written to a mailslot another process reads. */
	OUTBOUND

}
