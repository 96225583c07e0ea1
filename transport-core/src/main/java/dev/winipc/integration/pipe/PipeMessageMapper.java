package dev.winipc.integration.pipe;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.integration.support.AbstractIntegrationMessageBuilder;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.util.Assert;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.transport.PeerIdentity;

/**
 * Maps between pipe messages and Spring messages: the payload as {@code byte[]} or a
 * {@code String} in the configured charset, plus the {@link WinIpcHeaders}.
 *
 * @since 0.1.0
 */
public class PipeMessageMapper {

	/** The {@link WinIpcHeaders#TRANSPORT} value of pipe messages. */
	public static final String TRANSPORT = "pipe";

	private PayloadType payloadType = PayloadType.BYTES;

	private Charset charset = StandardCharsets.UTF_8;

	/** @param payloadType how inbound payloads are presented; default {@link PayloadType#BYTES} */
	public void setPayloadType(PayloadType payloadType) {
		Assert.notNull(payloadType, "payloadType must not be null");
		this.payloadType = payloadType;
	}

	/** @param charset the charset of {@code String} payloads, both ways; default UTF-8 */
	public void setCharset(Charset charset) {
		Assert.notNull(charset, "charset must not be null");
		this.charset = charset;
	}

	/**
	 * Build the message for bytes received on a connection.
	 * @param endpoint the endpoint's name
	 * @param connection where the bytes arrived
	 * @param bytes the bytes
	 * @param builders the application's message builder factory
	 * @return the message builder, headers set, for the caller to add to
	 */
	public AbstractIntegrationMessageBuilder<?> toMessage(String endpoint, FramedConnection connection, byte[] bytes,
			MessageBuilderFactory builders) {
		PeerIdentity peer = connection.peer();
		AbstractIntegrationMessageBuilder<?> builder = builders.withPayload(toPayload(bytes))
			.setHeader(WinIpcHeaders.TRANSPORT, TRANSPORT)
			.setHeader(WinIpcHeaders.ENDPOINT, endpoint)
			.setHeader(WinIpcHeaders.CONNECTION_ID, connection.id());
		if (peer.processId() != null) {
			builder.setHeader(WinIpcHeaders.PEER_PID, peer.processId());
		}
		if (peer.user() != null) {
			builder.setHeader(WinIpcHeaders.PEER_USER, peer.user());
		}
		return builder;
	}

	/**
	 * Present received bytes as the configured payload type.
	 * @param bytes the bytes
	 * @return the bytes, or their text
	 */
	public Object toPayload(byte[] bytes) {
		return (this.payloadType == PayloadType.STRING) ? new String(bytes, this.charset) : bytes;
	}

	/**
	 * Return the bytes to send for a message.
	 * @param message a message with a {@code byte[]} or {@code String} payload
	 * @return the bytes
	 * @throws MessagingException for any other payload type
	 */
	public byte[] fromMessage(Message<?> message) {
		Object payload = message.getPayload();
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(this.charset);
		}
		throw new MessagingException(message, "A pipe carries byte[] or String payloads, not "
				+ payload.getClass().getName() + "; convert the payload first");
	}

}
