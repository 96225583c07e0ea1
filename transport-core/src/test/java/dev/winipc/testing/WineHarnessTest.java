package dev.winipc.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Windows peers run for real: under Wine on Linux, directly on Windows.
 */
class WineHarnessTest {

	private static final String PEER = "win_pipe_peer";

	@Test
	void nativeServerAndClientExchangeMessages() {
		String name = PipeNames.unique("wine-serve");
		try (PeerProcess server = WindowsPeers.start(PEER, "serve", name, "echo:")) {
			server.awaitLine("ready");
			try (PeerProcess client = WindowsPeers.start(PEER, "client", name, "one", "two words")) {
				assertThat(client.finish()).containsExactly("reply: echo:one", "reply: echo:two words");
			}
		}
	}

	@Test
	void pidModePrintsTheProcessId() {
		try (PeerProcess peer = WindowsPeers.start(PEER, "pid")) {
			assertThat(peer.finish()).singleElement().asString().matches("pid [1-9][0-9]*");
		}
	}

	@Test
	void bigMessageRoundTripsWholeThroughServe() {
		String name = PipeNames.unique("wine-big");
		try (PeerProcess server = WindowsPeers.start(PEER, "serve", name)) {
			server.awaitLine("ready");
			try (PeerProcess client = WindowsPeers.start(PEER, "big", name, 300_000)) {
				assertThat(client.finish()).containsExactly("reply: 300000 ok");
			}
		}
	}

	@Test
	void rawPeerWritesBinaryStandardOutput() throws Exception {
		Path log = Path.of("target", "wine-harness", "raw-stderr.log");
		Process peer = WindowsPeers.startRaw(PEER, List.of("pid"), log);
		try (InputStream stdout = peer.getInputStream()) {
			String output = new String(stdout.readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(peer.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(peer.exitValue()).isZero();
			assertThat(output).matches("pid [1-9][0-9]*\n");
		}
		finally {
			peer.destroyForcibly();
		}
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void wineRunsInAPrefixOfItsOwnWithoutDisplay() {
		Wine wine = Wine.get();
		try (PeerProcess peer = wine.start(PEER, "pid")) {
			assertThat(peer.finish()).hasSize(1);
		}
		assertThat(wine.environment()).containsEntry("WINEDEBUG", "-all")
			.containsEntry("WINEPREFIX", wine.prefix().toString())
			.doesNotContainKey("DISPLAY");
		assertThat(wine.prefix()).isAbsolute().startsWith(Path.of("target", "wine-prefix").toAbsolutePath());
		assertThat(wine.prefix().resolve("drive_c")).isDirectory();
	}

}
