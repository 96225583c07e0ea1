package dev.winipc.integration.pipe;

import java.io.OutputStream;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.LogCapture;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input on one connection gets a clear error naming the pipe, closes that
 * connection, and leaves the server serving everyone else.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class PipeBadInputTest extends FlowTestSupport {

	private final LogCapture log = new LogCapture(PipeConnections.class);

	@AfterEach
	void stopCapture() {
		this.log.close();
	}

	private String echoServer(PipeConnectionFactorySpecCustomizer customizer) {
		String name = PipeNames.unique("bad");
		register(IntegrationFlow
			.from(WinIpc.inboundGateway(customizer.customize(WinIpc.pipeServer(name).payloadType(PayloadType.STRING))))
			.transform(String.class, request -> "echo:" + request)
			.get());
		return name;
	}

	@Test
	void lengthHeaderAboveTheMaximumClosesThatConnectionOnly() {
		String name = echoServer(pipe -> pipe.maxMessageSize(1024));
		try (PeerProcess good = NativePeers.start("pipe_peer", "recv", PipeNames.posixPath(name), "0");
				PeerProcess bad = NativePeers.start("pipe_peer", "oversize", PipeNames.posixPath(name), 5000)) {
			bad.awaitLine("closed by server");
		}
		assertErrorLogged(name, "a message of 5000 bytes exceeds the maximum message size of 1024 bytes");
		assertStillServing(name);
	}

	@Test
	void truncatedFrameThenDisconnectIsReportedAndDiscarded() {
		String name = echoServer(pipe -> pipe);
		try (PeerProcess bad = NativePeers.start("pipe_peer", "truncated", PipeNames.posixPath(name))) {
			bad.finish();
		}
		assertErrorLogged(name, "the peer went away 10 bytes into a 100-byte message; the part is discarded");
		assertStillServing(name);
	}

	@Test
	void peerKilledMidMessageIsReportedAndTheServerKeepsServing() {
		String name = echoServer(pipe -> pipe);
		try (PeerProcess victim = NativePeers.start("pipe_peer", "stall", PipeNames.posixPath(name))) {
			victim.awaitLine("partial");
			victim.kill();
		}
		assertErrorLogged(name, "the peer went away 10 bytes into a 100-byte message; the part is discarded");
		assertStillServing(name);
	}

	@Test
	void garbageWithoutTerminatorInCrlfModeIsRejectedAtTheMaximum() throws Exception {
		String name = echoServer(pipe -> pipe.framing(PipeFraming.CRLF).maxMessageSize(64));
		byte[] garbage = new byte[4096];
		new Random(42).nextBytes(garbage);
		for (int i = 0; i < garbage.length; i++) {
			if (garbage[i] == '\r' || garbage[i] == '\n') {
				garbage[i] = 'x';
			}
		}
		try (PeerProcess socat = PeerProcess
			.start(List.of("socat", "-t", "0.2", "STDIO", "UNIX-CONNECT:" + PipeNames.posixPath(name)))) {
			OutputStream stdin = socat.stdin();
			stdin.write(garbage);
			stdin.flush();
			// socat ends once the server has closed its side of the connection
			socat.waitFor();
		}
		assertErrorLogged(name, "crlf framing: CRLF not found before max message length: 64");
		try (PeerProcess socat = PeerProcess
			.start(List.of("socat", "-t", "5", "STDIO", "UNIX-CONNECT:" + PipeNames.posixPath(name)))) {
			socat.stdin().write("fine\r\n".getBytes());
			socat.stdin().flush();
			socat.awaitLine("echo:fine");
		}
	}

	private void assertErrorLogged(String name, String detail) {
		await().untilAsserted(() -> assertThat(this.log.errors())
			.anySatisfy(error -> assertThat(error).startsWith("Closing connection " + name + "-")
				.contains(" of pipe " + name + ": read(")
				.contains(detail)));
	}

	private static void assertStillServing(String name) {
		try (PeerProcess client = NativePeers.start("pipe_peer", "client", PipeNames.posixPath(name), "still there?")) {
			assertThat(client.finish()).containsExactly("reply: echo:still there?");
		}
	}

	@FunctionalInterface
	interface PipeConnectionFactorySpecCustomizer {

		dev.winipc.integration.dsl.PipeConnectionFactorySpec customize(
				dev.winipc.integration.dsl.PipeConnectionFactorySpec spec);

	}

}
