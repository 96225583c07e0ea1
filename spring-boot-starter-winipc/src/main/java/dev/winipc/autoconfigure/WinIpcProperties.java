package dev.winipc.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.pipe.PipeFraming;
import dev.winipc.integration.pipe.PipeRole;

/**
 * winipc endpoints declared in configuration. Each entry of {@code winipc.pipes} binds
 * one named-pipe endpoint to a message channel:
 * <pre class="code">
 * winipc:
 *   pipes:
 *     orders:
 *       name: orders                 # \\.\pipe\orders, or $TMPDIR/CoreFxPipe_orders
 *       direction: inbound-gateway
 *       channel: order-requests
 *       payload-type: string
 * </pre>
 *
 * @since 0.1.0
 */
@ConfigurationProperties("winipc")
public class WinIpcProperties {

	/**
	 * Named-pipe endpoints, by an id of your choice; each binds one pipe to a channel.
	 */
	private Map<String, Pipe> pipes = new LinkedHashMap<>();

	public Map<String, Pipe> getPipes() {
		return this.pipes;
	}

	public void setPipes(Map<String, Pipe> pipes) {
		this.pipes = pipes;
	}

	/**
	 * One named-pipe endpoint, {@code winipc.pipes.<id>.*}.
	 *
	 * @since 0.1.0
	 */
	public static class Pipe {

		/**
		 * Pipe name as a Windows user writes it, e.g. 'orders' for \\.\pipe\orders; on
		 * Linux and macOS the Unix socket $TMPDIR/CoreFxPipe_orders (an absolute path is
		 * used as it is).
		 */
		private @Nullable String name;

		/**
		 * Which way messages flow: inbound, outbound, inbound-gateway or
		 * outbound-gateway.
		 */
		private @Nullable PipeDirection direction;

		/**
		 * Whether this application serves the pipe or connects to it: server or client.
		 * Default server for inbound and inbound-gateway, client for outbound and
		 * outbound-gateway.
		 */
		private @Nullable PipeRole role;

		/**
		 * Channel the endpoint sends inbound messages or requests to, or reads outbound
		 * messages or requests from. Created as a DirectChannel when no bean has this
		 * name.
		 */
		private @Nullable String channel;

		/**
		 * Gateways only. Inbound gateway: channel the replies arrive on (default: the
		 * flow's reply). Outbound gateway: channel the replies are sent to (default: the
		 * request's replyChannel header). Created as a DirectChannel when no bean has this
		 * name.
		 */
		private @Nullable String replyChannel;

		/**
		 * How message boundaries are marked: message (OS message boundaries; on POSIX a
		 * 4-byte big-endian length), length-header-1, length-header-2, length-header-4,
		 * crlf, lf, null, stx-etx or raw (one message per connection, one-way only).
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
		 * Client role: how long to keep trying to connect while the server is missing or
		 * busy.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Gateways only: how long to wait for a reply.
		 */
		private Duration replyTimeout = Duration.ofSeconds(10);

		/**
		 * How inbound payloads (and an outbound gateway's replies) are presented: bytes
		 * (byte[]) or string (decoded with the charset).
		 */
		private PayloadType payloadType = PayloadType.BYTES;

		/**
		 * Charset of String payloads, both ways.
		 */
		private Charset charset = StandardCharsets.UTF_8;

		/**
		 * Who may connect to a served pipe: current-user, or a wider grant: an SDDL
		 * string on Windows (e.g. 'D:P(A;;GA;;;AU)'), an octal file mode on POSIX (e.g.
		 * 0660).
		 */
		private String access = "current-user";

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

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

		public @Nullable String getChannel() {
			return this.channel;
		}

		public void setChannel(@Nullable String channel) {
			this.channel = channel;
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

		public PayloadType getPayloadType() {
			return this.payloadType;
		}

		public void setPayloadType(PayloadType payloadType) {
			this.payloadType = payloadType;
		}

		public Charset getCharset() {
			return this.charset;
		}

		public void setCharset(Charset charset) {
			this.charset = charset;
		}

		public String getAccess() {
			return this.access;
		}

		public void setAccess(String access) {
			this.access = access;
		}

	}

}
