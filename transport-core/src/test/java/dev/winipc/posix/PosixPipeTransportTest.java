package dev.winipc.posix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.InvalidOptionException;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the POSIX backend's Unix domain sockets")
class PosixPipeTransportTest {

	private static final int NOBODY = 65534;

	private final PosixIpcPlatform platform = new PosixIpcPlatform();

	@Test
	void pipeNameMapsToDotNetSocketPathInTmpdir() {
		String tmp = System.getenv("TMPDIR");
		Path expectedDir = Path.of((tmp != null && !tmp.isBlank()) ? tmp : "/tmp");
		assertThat(EndpointName.pipe("orders").posixPath()).isEqualTo(expectedDir.resolve("CoreFxPipe_orders"));
		assertThat(EndpointName.pipe("\\\\.\\pipe\\orders").posixPath())
			.isEqualTo(expectedDir.resolve("CoreFxPipe_orders"));
		assertThat(EndpointName.pipe("/run/app/orders.sock").posixPath()).isEqualTo(Path.of("/run/app/orders.sock"));
		assertThat(EndpointName.pipe("orders").windowsName()).isEqualTo("\\\\.\\pipe\\orders");
	}

	@Test
	void serverAndClientExchangeMessagesAndReportPeerUser() throws Exception {
		String name = PipeNames.unique("exchange");
		try (PipeServer server = this.platform.pipes().createServer(PipeOptions.of(name))) {
			CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(() -> accept(server));
			try (PipeConnection client = this.platform.pipes().createClient(PipeOptions.of(name)).connect();
					PipeConnection served = accepted.get()) {
				client.writeMessage("ping".getBytes(StandardCharsets.UTF_8), 0, 4);
				assertThat(served.readMessage()).asString().isEqualTo("ping");
				served.writeMessage("pong!".getBytes(StandardCharsets.UTF_8), 1, 4);
				assertThat(client.readMessage()).asString().isEqualTo("ong!");
				assertThat(served.peer().user()).isEqualTo(System.getProperty("user.name"));
				assertThat(client.peer().user()).isEqualTo(System.getProperty("user.name"));
				assertThat(served.id()).isNotEqualTo(client.id()).startsWith(name);
				client.close();
				assertThat(served.readMessage()).isNull();
			}
		}
	}

	@Test
	void socketFileIsCurrentUserOnlyAndRemovedOnClose() throws Exception {
		String name = PipeNames.unique("mode");
		Path path = EndpointName.pipe(name).posixPath();
		try (PipeServer server = this.platform.pipes().createServer(PipeOptions.of(name))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void configuredAccessSetsTheFileMode() throws Exception {
		String name = PipeNames.unique("access");
		Path path = EndpointName.pipe(name).posixPath();
		try (PipeServer server = this.platform.pipes().createServer(PipeOptions.builder(name).access("0660").build())) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
		}
		// An SDDL string is valid access, but only on Windows.
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.pipes().createServer(PipeOptions.builder(name).access("D:P(A;;GA;;;AU)").build()))
			.withMessageContaining("EINVAL")
			.withMessageContaining("access 'D:P(A;;GA;;;AU)'");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> PipeOptions.builder(name).access("everyone"))
			.withMessageStartingWith("access must be one of current-user, an SDDL string");
	}

	@Test
	void secondServerOnTheSameNameFailsNamingThePipe() throws Exception {
		String name = PipeNames.unique("squat");
		try (PipeServer first = this.platform.pipes().createServer(PipeOptions.of(name))) {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.pipes().createServer(PipeOptions.of(name)))
				.withMessageStartingWith("bind(" + PipeNames.posixPath(name) + ") failed: EADDRINUSE (")
				.withMessageContaining("another server is live");
			// the first server is untouched
			assertThat(EndpointName.pipe(name).posixPath()).exists();
			assertThat(this.platform.pipes().createClient(PipeOptions.of(name)).connect().isOpen()).isTrue();
		}
	}

	@Test
	void staleSocketOwnedByUsIsReplaced() throws Exception {
		String name = PipeNames.unique("stale");
		Path path = EndpointName.pipe(name).posixPath();
		// a server that died leaves its socket file behind
		try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			dead.bind(UnixDomainSocketAddress.of(path));
		}
		assertThat(path).exists();
		try (PipeServer server = this.platform.pipes().createServer(PipeOptions.of(name))) {
			CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(() -> accept(server));
			try (PipeConnection client = this.platform.pipes().createClient(PipeOptions.of(name)).connect()) {
				assertThat(accepted.get().isOpen()).isTrue();
			}
		}
	}

	@Test
	void pathThatIsNotASocketIsNeverReplaced() throws Exception {
		String name = PipeNames.unique("file");
		Path path = EndpointName.pipe(name).posixPath();
		Files.writeString(path, "precious");
		try {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.pipes().createServer(PipeOptions.of(name)))
				.withMessageContaining("EEXIST")
				.withMessageContaining(path.toString());
			assertThat(path).hasContent("precious");
		}
		finally {
			Files.delete(path);
		}
	}

	@Test
	void clientOfMissingPipeFailsAfterConnectTimeoutWithOsError() {
		String name = PipeNames.unique("missing");
		PipeOptions options = PipeOptions.builder(name).connectTimeout(Duration.ofMillis(200)).build();
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.pipes().createClient(options).connect())
			.withMessage("connect(" + PipeNames.posixPath(name) + ") failed: ENOENT (2) No such file or directory")
			.satisfies(ex -> assertThat(ex.getErrorCode()).isEqualTo(PosixErrors.errno("ENOENT")));
	}

	@Test
	void socketPathLongerThanAUnixSocketAllowsFailsNamingThePathItsLengthAndTheLimit() {
		String name = PipeNames.unique("long-" + "x".repeat(120));
		Path path = EndpointName.pipe(name).posixPath();
		int length = path.toString().length();
		int limit = System.getProperty("os.name").startsWith("Mac") ? 103 : 107;
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.pipes().createServer(PipeOptions.of(name)))
			.withMessageStartingWith("bind(" + path + ") failed: ENAMETOOLONG")
			.withMessageContaining("the socket path is " + length + " bytes long")
			.withMessageContaining("at most " + limit + " bytes")
			.withMessageContaining("set TMPDIR to a shorter directory");
		assertThat(path).doesNotExist();
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.pipes().createClient(PipeOptions.of(name)).connect())
			.withMessageStartingWith("connect(" + path + ") failed: ENAMETOOLONG");
	}

	@Test
	void oversizeMessageIsRejectedNamingThePipe() throws Exception {
		String name = PipeNames.unique("oversize");
		PipeOptions small = PipeOptions.builder(name).maxMessageSize(16).build();
		try (PipeServer server = this.platform.pipes().createServer(small)) {
			CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(() -> accept(server));
			try (PipeConnection client = this.platform.pipes().createClient(PipeOptions.of(name)).connect();
					PipeConnection served = accepted.get()) {
				byte[] big = new byte[17];
				client.writeMessage(big, 0, big.length);
				assertThatExceptionOfType(IpcException.class).isThrownBy(served::readMessage)
					.withMessageContaining(PipeNames.posixPath(name))
					.withMessageContaining("a message of 17 bytes exceeds the maximum message size of 16 bytes");
			}
		}
	}

	@Test
	void clientRunningAsAnotherUserIsRefusedByTheFileMode() throws Exception {
		assumeRoot();
		String name = PipeNames.unique("otheruser");
		try (PipeServer server = this.platform.pipes().createServer(PipeOptions.of(name));
				PeerProcess intruder = NativePeers.startAs(NOBODY, "pipe_peer", "probe", PipeNames.posixPath(name), "hi")) {
			assertThat(intruder.finish()).containsExactly("refused EACCES");
		}
	}

	@Test
	void clientRunningAsAnotherUserIsRefusedByPeerCredentialsWhenTheFileModeWasWidened() throws Exception {
		assumeRoot();
		String name = PipeNames.unique("peercred");
		Path path = EndpointName.pipe(name).posixPath();
		try (PipeServer server = this.platform.pipes().createServer(PipeOptions.of(name))) {
			// somebody widened the socket's mode behind the server's back
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
			CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(() -> accept(server));
			try (PeerProcess intruder = NativePeers.startAs(NOBODY, "pipe_peer", "probe", path, "hi")) {
				assertThat(intruder.finish()).containsExactly("eof");
			}
			assertThat(accepted).isNotDone();
			// the server still serves its own user
			try (PipeConnection client = this.platform.pipes().createClient(PipeOptions.of(name)).connect()) {
				assertThat(accepted.get().peer().user()).isEqualTo(System.getProperty("user.name"));
			}
		}
	}

	@Test
	void closingTheServerWakesAWaitingAccept() throws Exception {
		PipeServer server = this.platform.pipes().createServer(PipeOptions.of(PipeNames.unique("wake")));
		CompletableFuture<PipeConnection> accepted = CompletableFuture.supplyAsync(() -> accept(server));
		server.close();
		assertThat(accepted).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withRootCauseInstanceOf(IpcException.class)
			.withMessageContaining("pipe server closed");
	}

	private static void assumeRoot() {
		assumeThat(System.getProperty("user.name")).as("switching to another uid with setpriv needs root")
			.isEqualTo("root");
	}

	private static PipeConnection accept(PipeServer server) {
		try {
			return server.accept();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
