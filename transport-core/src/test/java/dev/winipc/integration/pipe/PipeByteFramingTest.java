package dev.winipc.integration.pipe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.PythonPeers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every byte framing against a plain socket peer that writes and reads the frames byte
 * for byte as the wire-format spec gives them.
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

	/** The frame as docs/wire-format.md specifies it, written here by hand. */
	private static byte[] frame(PipeFraming framing, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		int n = body.length;
		switch (framing) {
			case LENGTH_HEADER_1 -> frame.write(n);
			case LENGTH_HEADER_2 -> frame.writeBytes(new byte[] { (byte) (n >> 8), (byte) n });
			case LENGTH_HEADER_4 ->
				frame.writeBytes(new byte[] { (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n });
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
