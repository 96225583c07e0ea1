package dev.winipc.integration.pipe;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A byte framing against a stock tool: {@code socat} writes and reads CRLF-terminated
 * lines on the pipe's socket.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class SocatCrlfFramingTest extends FlowTestSupport {

	@Test
	void inboundGatewayAnswersCrlfLinesFromSocat() throws Exception {
		String name = PipeNames.unique("socat");
		register(IntegrationFlow
			.from(WinIpc.inboundGateway(
					WinIpc.pipeServer(name).framing(PipeFraming.CRLF).payloadType(PayloadType.STRING)))
			.transform(String.class, line -> "<" + line + ">")
			.get());
		try (PeerProcess socat = PeerProcess
			.start(List.of("socat", "-t", "5", "STDIO", "UNIX-CONNECT:" + PipeNames.posixPath(name)))) {
			OutputStream stdin = socat.stdin();
			stdin.write("hello\r\nsecond line\r\n".getBytes(StandardCharsets.US_ASCII));
			stdin.flush();
			socat.awaitLine(line -> line.startsWith("<second line>"));
			assertThat(socat.lines()).containsExactly("<hello>", "<second line>");
		}
	}

}
