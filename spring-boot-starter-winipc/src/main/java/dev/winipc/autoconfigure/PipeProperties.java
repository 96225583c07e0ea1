package dev.winipc.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import dev.winipc.integration.pipe.PipeFraming;
import dev.winipc.integration.pipe.PipeRole;

/**
 * One named-pipe endpoint, {@code winipc.pipes.<id>.*}. The name is the pipe's:
 * 'orders' is \\.\pipe\orders on Windows and the Unix socket $TMPDIR/CoreFxPipe_orders on
 * Linux and macOS (an absolute path is used as it is).
 *
 * @since 0.1.0
 */
public class PipeProperties extends EndpointProperties {

	/**
	 * Which way messages flow: inbound, outbound, inbound-gateway or outbound-gateway.
	 */
	private @Nullable PipeDirection direction;

	/**
	 * Whether this application serves the pipe or connects to it: server or client.
	 * Default server for inbound and inbound-gateway, client for outbound and
	 * outbound-gateway.
	 */
	private @Nullable PipeRole role;

	/**
	 * Gateways only. Inbound gateway: channel the replies arrive on (default: the flow's
	 * reply). Outbound gateway: channel the replies are sent to (default: the request's
	 * replyChannel header).
	 */
	private @Nullable String replyChannel;

	/**
	 * How message boundaries are marked: message (OS message boundaries; on POSIX a
	 * 4-byte big-endian length), length-header-1, length-header-2, length-header-4, crlf,
	 * lf, null, stx-etx or raw (one message per connection, one-way only).
	 */
	private PipeFraming framing = PipeFraming.MESSAGE;

	/**
	 * Largest inbound message accepted; a larger one closes its connection.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Server role: how many clients are served at once, 1 to 255.
	 */
	private int maxInstances = 255;

	/**
	 * Size of the OS buffers and of one read.
	 */
	private DataSize bufferSize = DataSize.ofKilobytes(64);

	/**
	 * Client role: how long to keep trying to connect while the server is missing or
	 * busy.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Gateways only: how long to wait for a reply.
	 */
	private Duration replyTimeout = Duration.ofSeconds(10);

	/**
	 * Pauses between connect attempts, and between a client-role endpoint's reconnects.
	 */
	private BackOffProperties backOff = new BackOffProperties();

	public @Nullable PipeDirection getDirection() {
		return this.direction;
	}

	public void setDirection(@Nullable PipeDirection direction) {
		this.direction = direction;
	}

	public @Nullable PipeRole getRole() {
		return this.role;
	}

	public void setRole(@Nullable PipeRole role) {
		this.role = role;
	}

	/**
	 * Return the role in effect: the configured one, or the direction's default.
	 * @return the role, or {@code null} while the direction is unknown
	 */
	public @Nullable PipeRole effectiveRole() {
		if (this.role != null) {
			return this.role;
		}
		if (this.direction == null) {
			return null;
		}
		return this.direction.isInbound() ? PipeRole.SERVER : PipeRole.CLIENT;
	}

	public @Nullable String getReplyChannel() {
		return this.replyChannel;
	}

	public void setReplyChannel(@Nullable String replyChannel) {
		this.replyChannel = replyChannel;
	}

	public PipeFraming getFraming() {
		return this.framing;
	}

	public void setFraming(PipeFraming framing) {
		this.framing = framing;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getMaxInstances() {
		return this.maxInstances;
	}

	public void setMaxInstances(int maxInstances) {
		this.maxInstances = maxInstances;
	}

	public DataSize getBufferSize() {
		return this.bufferSize;
	}

	public void setBufferSize(DataSize bufferSize) {
		this.bufferSize = bufferSize;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	public void setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = replyTimeout;
	}

	public BackOffProperties getBackOff() {
		return this.backOff;
	}

	public void setBackOff(BackOffProperties backOff) {
		this.backOff = backOff;
	}

}
