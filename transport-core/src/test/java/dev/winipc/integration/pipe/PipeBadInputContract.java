package dev.winipc.integration.pipe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;

import dev.winipc.integration.IpcConnectionClosedEvent;
import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.IpcConnectionOpenedEvent;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.LogCapture;
import dev.winipc.testing.PeerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Bad input, in every framing and on every backend, while a bystander — a client
 * connected before it — keeps exchanging messages during it and after it: the bad
 * connection gets an error naming the pipe, the framing and what was wrong, and is
 * closed; the bystander is never disturbed; a new client is served afterwards.
 */
@Timeout(120)
abstract class PipeBadInputContract extends FlowTestSupport {

	/** The endpoint's maximum message size in these tests. */
	static final int MAX = 100;

	private final LogCapture log = new LogCapture(PipeConnections.class);

	/**
	 * Return the backend under test and its native peer.
	 * @return the backend
	 */
	abstract PeerBackend backend();

	@AfterEach
	void stopCapture() {
		this.log.close();
	}

	/** Every framing with every kind of bad input it can receive. */
	static Stream<Arguments> badInput() {
		List<Arguments> cases = new ArrayList<>();
		for (PipeFraming framing : PipeFraming.values()) {
			if (framing == PipeFraming.RAW) {
				continue;
			}
			for (BadInput kind : BadInput.values()) {
				cases.add(Arguments.of(framing, kind));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("badInput")
	void badInputClosesOnlyItsOwnConnectionWhileABystanderIsServed(PipeFraming framing, BadInput kind) {
		assumeFalse(kind != BadInput.OVERSIZE && framing == PipeFraming.MESSAGE && backend().keepsMessageBoundaries(),
				"one WriteFile is one whole message: a Win32 message pipe carries no cut-short or malformed frame, "
						+ "only one that is too long");
		String name = backend().uniqueName("bad-" + framing.propertyValue());
		register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name)
			.platform(backend().platform())
			.framing(framing)
			.maxMessageSize(MAX)
			.payloadType(PayloadType.STRING))).transform(String.class, (request) -> "echo:" + request).get());

		try (PeerProcess bystander = backend().peer(framing, false, "bystander", name, 40, 25)) {
			bystander.awaitLine("connected");
			await().until(() -> this.events.of(IpcConnectionOpenedEvent.class, name).size() == 1);
			String bystanderId = this.events.of(IpcConnectionOpenedEvent.class, name).get(0).getConnectionId();

			try (PeerProcess bad = backend().peer(framing, false, "bad", name, kind.argument(), MAX)) {
				if (kind == BadInput.KILLED) {
					bad.awaitLine("partial");
					bad.kill();
				}
				else {
					bad.finish();
				}
			}

			await().until(() -> !this.events.of(IpcConnectionFailedEvent.class, name).isEmpty());
			IpcConnectionFailedEvent failed = this.events.of(IpcConnectionFailedEvent.class, name).get(0);
			assertThat(failed.getConnectionId()).isNotEqualTo(bystanderId);
			assertThat(failed.getCause()).hasMessageContaining(name).hasMessageContaining(expected(framing, kind));
			if (framing != PipeFraming.MESSAGE) {
				assertThat(failed.getCause()).hasMessageContaining(framing.propertyValue() + " framing");
			}
			await().until(() -> this.log.errors().stream()
				.anyMatch((error) -> error.startsWith("Closing connection " + failed.getConnectionId() + " of pipe " + name)));
			// The bystander went on through it all, on its one connection.
			assertThat(bystander.finish()).endsWith("bystander ok 40");
			assertThat(this.events.of(IpcConnectionFailedEvent.class, name)).singleElement()
				.satisfies((event) -> assertThat(event.getConnectionId()).isEqualTo(failed.getConnectionId()));
		}
		try (PeerProcess client = backend().peer(framing, false, "client", name, "after")) {
			assertThat(client.finish()).containsExactly("reply: echo:after");
		}
		assertThat(this.events.of(IpcConnectionClosedEvent.class, name)).hasSizeGreaterThanOrEqualTo(2);
	}

	@ParameterizedTest(name = "raw {0}")
	@MethodSource("rawBadInput")
	void rawMessageTooLongIsRefusedWhileMessagesBeforeAndAfterArrive(BadInput kind) throws Exception {
		String name = backend().uniqueName("bad-raw");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name)
			.platform(backend().platform())
			.framing(PipeFraming.RAW)
			.maxMessageSize(MAX)
			.payloadType(PayloadType.STRING))).handle(received::add).get());
		// Raw carries one message per connection: the bystanders are whole connections.
		try (PeerProcess before = backend().peer(PipeFraming.RAW, false, "send", name, "before")) {
			assertThat(before.finish()).endsWith("sent 1");
		}
		try (PeerProcess bad = backend().peer(PipeFraming.RAW, false, "bad", name, kind.argument(), MAX)) {
			bad.finish();
		}
		await().until(() -> !this.events.of(IpcConnectionFailedEvent.class, name).isEmpty());
		assertThat(this.events.of(IpcConnectionFailedEvent.class, name).get(0).getCause())
			.hasMessageContaining(name)
			.hasMessageContaining("raw framing: Socket was not closed before max message length: " + MAX);
		try (PeerProcess after = backend().peer(PipeFraming.RAW, false, "send", name, "after")) {
			assertThat(after.finish()).endsWith("sent 1");
		}
		assertThat(PipeAdapterContract.payloads(received, 2)).containsExactly("before", "after");
		assertThat(received).isEmpty();
	}

	/** A raw message ends where its stream ends: too long is the only bad input it has. */
	static Stream<BadInput> rawBadInput() {
		return Stream.of(BadInput.OVERSIZE);
	}

	/** What the error says about each kind of bad input in each framing. */
	private String expected(PipeFraming framing, BadInput kind) {
		boolean lengthHeader = framing == PipeFraming.LENGTH_HEADER_1 || framing == PipeFraming.LENGTH_HEADER_2
				|| framing == PipeFraming.LENGTH_HEADER_4;
		if (framing == PipeFraming.MESSAGE) {
			return switch (kind) {
				case OVERSIZE -> backend().keepsMessageBoundaries() ? "more than " + MAX + " bytes (the maximum message size)"
						: "a message of " + (MAX + 1) + " bytes exceeds the maximum message size of " + MAX + " bytes";
				case TRUNCATED, KILLED -> "the peer went away 10 bytes into a 50-byte message";
				case GARBAGE -> "a message header announced a negative length (-1)";
			};
		}
		return switch (kind) {
			case OVERSIZE -> lengthHeader ? "Message length " + (MAX + 1) + " exceeds max message length: " + MAX
					: "not found before max message length";
			case TRUNCATED, KILLED -> lengthHeader ? "Stream closed after 10 of 50" : "Socket closed during message assembly";
			case GARBAGE -> switch (framing) {
				case LENGTH_HEADER_4 -> "Length header: -1 is negative";
				case LENGTH_HEADER_1 -> "Message length 255 exceeds max message length: " + MAX;
				case LENGTH_HEADER_2 -> "Message length 65535 exceeds max message length: " + MAX;
				case STX_ETX -> "Expected STX to begin message";
				default -> "not found before max message length";
			};
		};
	}

	/**
	 * The kinds of bad input a peer sends, as {@code pipe_peer bad} names them.
	 */
	enum BadInput {

		/** A frame one byte longer than the maximum. */
		OVERSIZE("oversize"),

		/** The beginning of a frame, then the peer disconnects. */
		TRUNCATED("truncated"),

		/** Bytes that are no frame of the framing. */
		GARBAGE("garbage"),

		/** The beginning of a frame, then the peer is killed. */
		KILLED("stall");

		private final String argument;

		BadInput(String argument) {
			this.argument = argument;
		}

		String argument() {
			return this.argument;
		}

	}

}
