package dev.winipc.windows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Windows backend against native Windows programs ({@code peers/win_pipe_peer.c}):
 * on Windows itself, and on Linux with both the backend's calls and the peers under Wine.
 */
@Timeout(120)
class WindowsNativePeerTests {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	private final IpcPlatform platform = WindowsTestPlatform.platform();

	@Test
	void nativeClientIsAnsweredAndItsProcessIdReported() throws Exception {
		PipeOptions options = options();
		try (PipeServer server = this.platform.pipes().createServer(options)) {
			CompletableFuture<PipeConnection> accepted = accept(server);
			try (PeerProcess client = WindowsPeers.start("win_pipe_peer", "client-pid", options.name().name(), "hello");
					PipeConnection served = accepted.get()) {
				byte[] request = served.readMessage();
				assertThat(request).asString().isEqualTo("hello");
				byte[] reply = ("hi:" + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
				served.writeMessage(reply, 0, reply.length);
				String pid = client.awaitLine((line) -> line.startsWith("pid ")).substring(4);
				assertThat(client.finish()).endsWith("reply: hi:hello");
				assertThat(served.peer().processId()).isEqualTo(Long.parseLong(pid));
			}
		}
	}

	@Test
	void clientTalksToNativeServerAndLearnsItsProcessId() throws Exception {
		PipeOptions options = options();
		try (PeerProcess server = WindowsPeers.start("win_pipe_peer", "-i", "serve", options.name().name(), "s:")) {
			server.awaitLine("ready");
			long pid = Long.parseLong(server.awaitLine((line) -> line.startsWith("pid ")).substring(4));
			String user = server.awaitLine((line) -> line.startsWith("user ")).substring(5);
			try (PipeConnection client = this.platform.pipes().createClient(options).connect()) {
				client.writeMessage(bytes("x"), 0, 1);
				assertThat(client.readMessage()).asString().isEqualTo("s:x");
				assertThat(client.peer().processId()).isEqualTo(pid);
				assertThat(client.peer().user()).endsWithIgnoringCase(user);
			}
		}
	}

	@Test
	void nativeMessageLargerThanTheReadBufferIsReassembled() throws Exception {
		PipeOptions options = PipeOptions.builder(name()).bufferSize(4096).build();
		try (PipeServer server = this.platform.pipes().createServer(options)) {
			CompletableFuture<PipeConnection> accepted = accept(server);
			try (PeerProcess client = WindowsPeers.start("win_pipe_peer", "big", options.name().name(), 300_000);
					PipeConnection served = accepted.get()) {
				byte[] request = served.readMessage();
				assertThat(request).hasSize(300_000);
				served.writeMessage(request, 0, request.length);
				assertThat(client.finish()).containsExactly("reply: 300000 ok");
			}
		}
	}

	@Test
	void busyPipeIsRetriedWithWaitNamedPipeUntilAnInstanceIsFree() throws Exception {
		PipeOptions options = PipeOptions.builder(name()).connectTimeout(WITHIN).build();
		try (PeerProcess server = WindowsPeers.start("win_pipe_peer", "busy-serve", options.name().name(), 1000)) {
			server.awaitLine("ready");
			try (PipeConnection first = this.platform.pipes().createClient(options).connect()) {
				server.awaitLine("held");
				// the only instance is taken: this client meets ERROR_PIPE_BUSY and waits
				WindowsPipeClient waiting = (WindowsPipeClient) this.platform.pipes().createClient(options);
				try (PipeConnection second = waiting.connect()) {
					// the peer prints "released" before it listens again; its output reaches us on
					// a pump thread of its own, so wait for the line rather than look once
					server.awaitLine("released");
					// it got in by waiting with WaitNamedPipe, not by a lucky retry
					assertThat(waiting.busyWaits()).isPositive();
					second.writeMessage(bytes("me"), 0, 2);
					assertThat(second.readMessage()).asString().isEqualTo("busy:me");
				}
				assertThat(first.readMessage()).isNull();
			}
		}
	}

	@Test
	void clientRefusesAPipeOwnedByAnotherUser() throws Exception {
		PipeOptions options = PipeOptions.builder(name()).connectTimeout(WITHIN).build();
		try (PeerProcess server = WindowsPeers.start("win_pipe_peer", "serve-sddl", options.name().name(),
				"O:SYD:(A;;GA;;;WD)")) {
			server.awaitLine("ready");
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.pipes().createClient(options).connect())
				.withMessageContaining(options.name().windowsName())
				.withMessageContaining("the pipe is owned by S-1-5-18, not by the current user");
			// the same pipe is fine once the check is widened by configuration
			PipeOptions wide = PipeOptions.builder(options.name().name()).access("D:(A;;GA;;;WD)").build();
			try (PipeConnection client = this.platform.pipes().createClient(wide).connect()) {
				client.writeMessage(bytes("ok?"), 0, 3);
				assertThat(client.readMessage()).asString().isEqualTo("ok?");
			}
		}
	}

	private static PipeOptions options() {
		return PipeOptions.of(name());
	}

	private static String name() {
		return "winipc-native-" + UUID.randomUUID();
	}

	private static CompletableFuture<PipeConnection> accept(PipeServer server) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return server.accept();
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		});
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
