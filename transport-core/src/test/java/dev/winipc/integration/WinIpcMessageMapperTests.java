package dev.winipc.integration;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.integration.support.DefaultMessageBuilderFactory;
import org.springframework.integration.support.MutableMessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import dev.winipc.transport.PeerIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one mapper of every transport: what a message built from arrived bytes carries.
 */
class WinIpcMessageMapperTests {

	private final MessageOrigin origin = MessageOrigin.of("pipe", "orders", "orders-1", new PeerIdentity(42L, "ana"));

	private final WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	@Test
	void everyMessageGetsItsOwnIdAndATimestampBesideTheOriginsHeaders() {
		long before = System.currentTimeMillis();
		Message<?> first = this.mapper.toMessage(this.origin, bytes("one"), new DefaultMessageBuilderFactory());
		Message<?> second = this.mapper.toMessage(this.origin, bytes("two"), new DefaultMessageBuilderFactory());

		assertThat(first.getHeaders()).containsAllEntriesOf(this.origin.headers())
			.containsOnlyKeys(WinIpcHeaders.TRANSPORT, WinIpcHeaders.ENDPOINT, WinIpcHeaders.CONNECTION_ID,
					WinIpcHeaders.PEER_PID, WinIpcHeaders.PEER_USER, MessageHeaders.ID, MessageHeaders.TIMESTAMP);
		assertThat(first.getHeaders().getId()).isNotNull()
			.isNotEqualTo(MessageHeaders.ID_VALUE_NONE)
			.isNotEqualTo(second.getHeaders().getId());
		assertThat(first.getHeaders().getTimestamp()).isBetween(before, System.currentTimeMillis());
		assertThat(this.origin.headers()).doesNotContainKeys(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
	}

	@Test
	void anotherMessageBuilderFactoryGetsTheSameHeaders() {
		Message<?> message = this.mapper.toMessage(this.origin, bytes("one"), new MutableMessageBuilderFactory());

		assertThat(message.getHeaders()).containsAllEntriesOf(this.origin.headers());
		assertThat(message.getHeaders().getId()).isNotNull().isNotEqualTo(MessageHeaders.ID_VALUE_NONE);
		assertThat(message.getHeaders().getTimestamp()).isPositive();
	}

	@Test
	void withoutIdsEveryMessageSharesTheOriginsHeaders() {
		Message<?> first = this.mapper.toMessage(this.origin, bytes("one"), new DefaultMessageBuilderFactory(), false);
		Message<?> second = this.mapper.toMessage(this.origin, bytes("two"), new DefaultMessageBuilderFactory(), false);

		assertThat(first.getHeaders()).isSameAs(second.getHeaders())
			.containsExactlyInAnyOrderEntriesOf(this.origin.headers());
		assertThat(first.getHeaders().getId()).isNull();
	}

	@Test
	void stringPayloadsAreDecodedWithTheCharset() {
		this.mapper.setPayloadType(PayloadType.STRING);
		this.mapper.setCharset(StandardCharsets.UTF_16LE);

		Message<?> message = this.mapper.toMessage(this.origin, "grüß".getBytes(StandardCharsets.UTF_16LE),
				new DefaultMessageBuilderFactory());

		assertThat(message.getPayload()).isEqualTo("grüß");
		assertThat(this.mapper.fromMessage(message)).isEqualTo("grüß".getBytes(StandardCharsets.UTF_16LE));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
