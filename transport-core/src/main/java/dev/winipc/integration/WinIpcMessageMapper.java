package dev.winipc.integration;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.integration.support.DefaultMessageBuilderFactory;
import org.springframework.integration.support.MessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.Assert;

/**
 * Maps between the bytes of every winipc transport and Spring messages: the payload as
 * {@code byte[]} or a {@code String} in the configured charset, the
 * {@link WinIpcHeaders} from the {@link MessageOrigin}; and back, a {@code byte[]} or
 * {@code String} payload to bytes.
 *
 * @since 0.1.0
 */
public class WinIpcMessageMapper {

	private PayloadType payloadType = PayloadType.BYTES;

	private Charset charset = StandardCharsets.UTF_8;

	/** @return how inbound payloads are presented */
	public PayloadType getPayloadType() {
		return this.payloadType;
	}

	/** @param payloadType how inbound payloads are presented; default {@link PayloadType#BYTES} */
	public void setPayloadType(PayloadType payloadType) {
		Assert.notNull(payloadType, "payloadType must not be null");
		this.payloadType = payloadType;
	}

	/** @return the charset of {@code String} payloads */
	public Charset getCharset() {
		return this.charset;
	}

	/** @param charset the charset of {@code String} payloads, both ways; default UTF-8 */
	public void setCharset(Charset charset) {
		Assert.notNull(charset, "charset must not be null");
		this.charset = charset;
	}

	/**
	 * Build the message for bytes that arrived.
	 * @param origin where they arrived; its headers become the message's
	 * @param bytes the bytes
	 * @param builders the application's message builder factory
	 * @return the message
	 */
	public Message<?> toMessage(MessageOrigin origin, byte[] bytes, MessageBuilderFactory builders) {
		Object payload = toPayload(bytes);
		if (builders instanceof DefaultMessageBuilderFactory) {
			// The origin's headers are copied once, by the message itself.
			return new GenericMessage<>(payload, origin.messageHeaders());
		}
		return builders.withPayload(payload).copyHeaders(origin.headers()).build();
	}

	/**
	 * Build the message for bytes that arrived, optionally without Spring's {@code id}
	 * and {@code timestamp} headers: then the message shares the origin's one header
	 * instance and nothing but the payload and the message itself is allocated.
	 * @param origin where they arrived; its headers become the message's
	 * @param bytes the bytes
	 * @param builders the application's message builder factory, used when ids are
	 * generated
	 * @param idAndTimestamp whether the message gets the {@code id} and {@code timestamp}
	 * headers
	 * @return the message
	 */
	public Message<?> toMessage(MessageOrigin origin, byte[] bytes, MessageBuilderFactory builders,
			boolean idAndTimestamp) {
		if (idAndTimestamp) {
			return toMessage(origin, bytes, builders);
		}
		return new GenericMessage<>(toPayload(bytes), origin.sharedHeaders());
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
		throw new MessagingException(message, "winipc endpoints carry byte[] or String payloads, not "
				+ payload.getClass().getName() + "; convert the payload first, e.g. with a transformer");
	}

}
