package dev.winipc.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * One mailslot endpoint, {@code winipc.mailslots.<id>.*}. The name is the mailslot's:
 * 'HelloWorld' is \\.\mailslot\HelloWorld on Windows and the Unix datagram socket
 * $TMPDIR/winipc-mailslot-HelloWorld on Linux and macOS (an absolute path is used as it
 * is).
 *
 * @since 0.1.0
 */
public class MailslotProperties extends EndpointProperties {

	/**
	 * Which way messages flow: inbound (this application creates the mailslot and reads
	 * it) or outbound (it writes to a mailslot another process reads).
	 */
	private @Nullable MailslotDirection direction;

	/**
	 * Largest message: a writer refuses a larger one before sending it, the reader
	 * refuses and logs a larger one that arrives.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Inbound: how long one read waits for a message before it reads again; unset waits
	 * until a message arrives (MAILSLOT_WAIT_FOREVER).
	 */
	private @Nullable Duration readTimeout;

	/**
	 * Outbound: how long a write waits while the reader's queue is full, before the send
	 * fails.
	 */
	private Duration sendTimeout = Duration.ofSeconds(5);

	public @Nullable MailslotDirection getDirection() {
		return this.direction;
	}

	public void setDirection(@Nullable MailslotDirection direction) {
		this.direction = direction;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getSendTimeout() {
		return this.sendTimeout;
	}

	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeout = sendTimeout;
	}

}
