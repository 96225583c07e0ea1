package dev.winipc.integration.pipe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.PythonPeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every byte framing at its edges — every length limit, the configured maximum and one
 * byte over, empty messages, bytes above 0x7f, payloads a framing cannot carry — against
 * a plain socket peer that writes the frames byte for byte as docs/wire-format.md gives
 * them, written here by hand, not by the code under test.
 */
@DisabledOnOs(value = OS.WINDOWS,
		disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class PipeByteFramingTest extends FlowTestSupport {

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = { "LENGTH_HEADER_1", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "CRLF",
			"LF", "NULL", "STX_ETX" })
	void inboundGatewayReadsAndWritesTheFraming(PipeFraming framing) throws IOException {
		String name = PipeNames.unique("framing");
		register(IntegrationFlow
			.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).framing(framing).payloadType(PayloadType.STRING)))
			.transform(String.class, (request) -> request.toUpperCase())
			.get());
		byte[] requests = concat(frame(framing, "hello"), frame(framing, "world"));
		byte[] replies = concat(frame(framing, "HELLO"), frame(framing, "WORLD"));
		try (PeerProcess peer = PythonPeers.start("raw_peer", PipeNames.posixPath(name), hex(requests),
				replies.length)) {
			assertThat(peer.finish()).containsExactly("recv " + hex(replies));
		}
	}

	@Test
	void rawFramingCarriesOneMessagePerConnection() throws Exception {
		String name = PipeNames.unique("raw");
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(
					WinIpc.pipeServer(name).framing(PipeFraming.RAW).payloadType(PayloadType.STRING)))
			.handle(received::add)
			.get());
		byte[] text = "everything\nup to the end\r\n".getBytes(StandardCharsets.UTF_8);
		try (PeerProcess peer = PythonPeers.start("raw_peer", PipeNames.posixPath(name), hex(text), 0, "--shutdown")) {
			peer.finish();
		}
		assertThat(PipeAdaptersNativePeerTest.payloads(received, 1)).containsExactly("everything\nup to the end\r\n");
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void messageOfExactlyTheConfiguredMaximumArrivesAndOneByteMoreIsRefused(PipeFraming framing) throws Exception {
		// Below what a 1-byte header can announce, so that one byte more can be announced too.
		int maximum = (framing == PipeFraming.LENGTH_HEADER_1) ? 200 : 1000;
		String name = PipeNames.unique("max-" + framing.propertyValue());
		BlockingQueue<Message<?>> received = inboundAdapter(name, framing, maximum);
		byte[] largest = filler(maximum);
		sendFrames(name, frame(framing, largest), false);
		assertThat(PipeAdapterContract.payloads(received, 1)).singleElement().isEqualTo(largest);

		sendFrames(name, frame(framing, filler(maximum + 1)), false);
		await().until(() -> !this.events.of(IpcConnectionFailedEvent.class, name).isEmpty());
		assertThat(this.events.of(IpcConnectionFailedEvent.class, name).get(0).getCause())
			.hasMessageContaining(PipeNames.posixPath(name));
		assertThat(received).isEmpty();
	}

	@Test
	void rawMessageOfExactlyTheConfiguredMaximumArrivesAndOneByteMoreIsRefused() throws Exception {
		String name = PipeNames.unique("max-raw");
		BlockingQueue<Message<?>> received = inboundAdapter(name, PipeFraming.RAW, 1000);
		byte[] largest = filler(1000);
		sendFrames(name, largest, true);
		assertThat(PipeAdapterContract.payloads(received, 1)).singleElement().isEqualTo(largest);

		sendFrames(name, filler(1001), true);
		await().until(() -> !this.events.of(IpcConnectionFailedEvent.class, name).isEmpty());
		assertThat(received).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = { "LENGTH_HEADER_1", "LENGTH_HEADER_2" })
	void lengthHeaderCarriesItsLargestLengthAndRefusesToSendOneMore(PipeFraming framing) throws Exception {
		int largest = (framing == PipeFraming.LENGTH_HEADER_1) ? 255 : 65_535;
		String name = PipeNames.unique("header-" + framing.propertyValue());
		BlockingQueue<Message<?>> received = inboundAdapter(name, framing, 1024 * 1024);
		sendFrames(name, frame(framing, filler(largest)), false);
		assertThat(PipeAdapterContract.payloads(received, 1)).singleElement().isEqualTo(filler(largest));

		String target = PipeNames.unique("send-" + framing.propertyValue());
		try (PeerProcess sink = NativePeers.start("pipe_peer", "-f", framing.propertyValue(), "sink",
				PipeNames.posixPath(target), 1)) {
			sink.awaitLine("ready");
			MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(target)
				.framing(framing)))).getInputChannel();
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> input.send(MessageBuilder.withPayload(filler(largest + 1)).build()))
				.withMessageContaining("write(" + PipeNames.posixPath(target) + ") failed: " + framing.propertyValue()
						+ " framing: a " + (largest + 1) + "-byte message does not fit its length header, which holds "
						+ "at most " + largest);
			// nothing of it went out: the next message is the first the peer gets
			input.send(MessageBuilder.withPayload("next").build());
			assertThat(sink.finish()).containsExactly("ready", "got: next", "done");
		}
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = { "MESSAGE", "LENGTH_HEADER_1", "LENGTH_HEADER_2",
			"LENGTH_HEADER_4", "CRLF", "LF", "NULL", "STX_ETX" })
	void emptyMessageIsCarried(PipeFraming framing) throws Exception {
		String name = PipeNames.unique("empty-" + framing.propertyValue());
		BlockingQueue<Message<?>> received = inboundAdapter(name, framing, 1000);
		sendFrames(name, concat(frame(framing, new byte[0]), frame(framing, bytes("after"))), false);
		assertThat(PipeAdapterContract.payloads(received, 2)).containsExactly(new byte[0], bytes("after"));
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = { "CRLF", "LF", "NULL", "STX_ETX" })
	void terminatorFramedMessageHoldingBytesAbove0x7fArrivesIntact(PipeFraming framing) throws Exception {
		String name = PipeNames.unique("high-" + framing.propertyValue());
		BlockingQueue<Message<?>> received = inboundAdapter(name, framing, 1000);
		byte[] high = { (byte) 0xc3, (byte) 0xa9, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 'x', (byte) 0x8d, (byte) 0x8a };
		sendFrames(name, concat(frame(framing, high), frame(framing, bytes("after"))), false);
		assertThat(PipeAdapterContract.payloads(received, 2)).containsExactly(high, bytes("after"));
	}

	@ParameterizedTest
	@EnumSource(value = PipeFraming.class, names = { "CRLF", "LF", "NULL", "STX_ETX" })
	void messageHoldingItsFramingsTerminatorIsRefusedOnSend(PipeFraming framing) {
		String target = PipeNames.unique("terminator-" + framing.propertyValue());
		byte[] terminator = framing.terminator();
		byte[] payload = concat(concat(bytes("one"), terminator), bytes("two"));
		try (PeerProcess sink = NativePeers.start("pipe_peer", "-f", framing.propertyValue(), "sink",
				PipeNames.posixPath(target), 1)) {
			sink.awaitLine("ready");
			MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(target)
				.framing(framing)))).getInputChannel();
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> input.send(MessageBuilder.withPayload(payload).build()))
				.withMessageContaining("write(" + PipeNames.posixPath(target) + ") failed: " + framing.propertyValue()
						+ " framing: the message holds the framing's terminator at byte 3; it would arrive as two "
						+ "messages");
			input.send(MessageBuilder.withPayload("next").build());
			assertThat(sink.finish()).containsExactly("ready", "got: next", "done");
		}
	}

	private BlockingQueue<Message<?>> inboundAdapter(String name, PipeFraming framing, int maxMessageSize) {
		BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name).framing(framing).maxMessageSize(maxMessageSize)))
			.handle(received::add)
			.get());
		return received;
	}

	private static void sendFrames(String name, byte[] frames, boolean shutdown) throws IOException {
		// In a file: a command line cannot hold the hex of 64 KiB.
		Path hexFile = Files.createTempFile("winipc-frames-", ".hex");
		try {
			Files.writeString(hexFile, hex(frames));
			List<Object> arguments = new ArrayList<>(List.of(PipeNames.posixPath(name), "@" + hexFile, 0));
			if (shutdown) {
				arguments.add("--shutdown");
			}
			try (PeerProcess peer = PythonPeers.start("raw_peer", arguments.toArray())) {
				peer.finish();
			}
		}
		finally {
			Files.delete(hexFile);
		}
	}

	private static byte[] filler(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) ('a' + i % 26);
		}
		return bytes;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The frame as docs/wire-format.md specifies it, written here by hand. */
	private static byte[] frame(PipeFraming framing, String text) {
		return frame(framing, text.getBytes(StandardCharsets.UTF_8));
	}

	/** The frame as docs/wire-format.md specifies it, written here by hand. */
	private static byte[] frame(PipeFraming framing, byte[] body) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		int n = body.length;
		switch (framing) {
			case MESSAGE, LENGTH_HEADER_4 ->
				frame.writeBytes(new byte[] { (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n });
			case LENGTH_HEADER_1 -> frame.write(n);
			case LENGTH_HEADER_2 -> frame.writeBytes(new byte[] { (byte) (n >> 8), (byte) n });
			case STX_ETX -> frame.write(0x02);
			default -> {
			}
		}
		frame.writeBytes(body);
		switch (framing) {
			case CRLF -> frame.writeBytes(new byte[] { '\r', '\n' });
			case LF -> frame.write('\n');
			case NULL -> frame.write(0);
			case STX_ETX -> frame.write(0x03);
			default -> {
			}
		}
		return frame.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
