package dev.winipc.posix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.OtherUser;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.InvalidOptionException;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;
import dev.winipc.transport.PipeTransportContract;
import dev.winipc.transport.Pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The POSIX backend's pipes: what every backend promises ({@link PipeTransportContract})
 * and what only Unix domain sockets do — the socket file, its mode and its owner, and
 * another user's socket at the pipe's path. Clients and servers of another user meet
 * the endpoints in containers ({@code winipc-testcontainers}' {@code PipeContainerTests}).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the POSIX backend's Unix domain sockets")
class PosixPipeTransportTest extends PipeTransportContract {

	private final PosixIpcPlatform platform = new PosixIpcPlatform();

	@Override
	protected Pipes pipes() {
		return this.platform.pipes();
	}

	@Override
	protected PipeOptions.Builder uniqueOptions() {
		return PipeOptions.builder(PipeNames.unique("transport"));
	}

	@Override
	protected boolean isBlockedInTheOs(StackTraceElement[] stack) {
		// A blocking accept or read of a Unix socket waits in a native method of the JDK.
		return stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().startsWith("sun.nio.ch.");
	}

	@Override
	protected String pipeNotFoundError() {
		return "ENOENT";
	}

	@Test
	void missingPipeIsReportedWithTheErrnoTextToo() {
		String name = PipeNames.unique("missing");
		PipeOptions options = PipeOptions.builder(name).connectTimeout(Duration.ofMillis(200)).build();
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createClient(options).connect())
			.withMessage("connect(" + PipeNames.posixPath(name) + ") failed: ENOENT (2) No such file or directory")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PosixErrors.errno("ENOENT")));
	}

	@Test
	void socketFileIsCurrentUserOnlyAndRemovedOnClose() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Path path = options.name().posixPath();
		try (PipeServer server = pipes().createServer(options)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void configuredAccessSetsTheFileMode() throws Exception {
		String name = PipeNames.unique("access");
		Path path = EndpointName.pipe(name).posixPath();
		try (PipeServer server = pipes().createServer(PipeOptions.builder(name).access("0660").build())) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
		}
		// An SDDL string is valid access, but only on Windows.
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> pipes().createServer(PipeOptions.builder(name).access("D:P(A;;GA;;;AU)").build()))
			.withMessageContaining("EINVAL")
			.withMessageContaining("access 'D:P(A;;GA;;;AU)'");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> PipeOptions.builder(name).access("everyone"))
			.withMessageStartingWith("access must be one of current-user, an SDDL string");
	}

	@Test
	void secondServerOfThisUserOnTheSameNameFailsNamingThePipe() throws Exception {
		PipeOptions options = uniqueOptions().build();
		serve(options);
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createServer(options))
			.withMessageStartingWith("bind(" + options.name().posixPath() + ") failed: EADDRINUSE (")
			.withMessageContaining("another server is live");
		// the first server is untouched
		assertThat(connect(options).isOpen()).isTrue();
	}

	@Test
	void staleSocketOwnedByUsIsReplaced() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Path path = options.name().posixPath();
		// a server that died leaves its socket file behind
		try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			dead.bind(UnixDomainSocketAddress.of(path));
		}
		assertThat(path).exists();
		Connected pipe = connectPair(options);
		assertThat(pipe.served().isOpen()).isTrue();
	}

	@Test
	void pathThatIsNotASocketIsNeverReplaced() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Path path = options.name().posixPath();
		Files.writeString(path, "precious");
		try {
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createServer(options))
				.withMessageContaining("EEXIST")
				.withMessageContaining(path.toString());
			assertThat(path).hasContent("precious");
		}
		finally {
			Files.delete(path);
		}
	}

	@Test
	void socketPathLongerThanAUnixSocketAllowsFailsNamingThePathItsLengthAndTheLimit() {
		String name = PipeNames.unique("long-" + "x".repeat(120));
		Path path = EndpointName.pipe(name).posixPath();
		int length = path.toString().length();
		int limit = System.getProperty("os.name").startsWith("Mac") ? 103 : 107;
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createServer(PipeOptions.of(name)))
			.withMessageStartingWith("bind(" + path + ") failed: ENAMETOOLONG")
			.withMessageContaining("the socket path is " + length + " bytes long")
			.withMessageContaining("at most " + limit + " bytes")
			.withMessageContaining("set TMPDIR to a shorter directory");
		assertThat(path).doesNotExist();
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> pipes().createClient(PipeOptions.of(name)).connect())
			.withMessageStartingWith("connect(" + path + ") failed: ENAMETOOLONG");
	}

	@Test
	void nameSquattedByAnotherUserIsAnErrorAndItsSocketIsLeftAlone() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Path path = options.name().posixPath();
		try (PeerProcess squatter = NativePeers.startAsOtherUser("pipe_peer", "-o", "sink", path, 1)) {
			squatter.awaitLine("ready");
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createServer(options))
				.withMessageStartingWith("bind(" + path + ") failed: EADDRINUSE (")
				.withMessageContaining("another server is live on this pipe");
			assertThat(ownerUid(path)).isEqualTo(OtherUser.UID);
		}
	}

	@Test
	void staleSocketOwnedByAnotherUserIsLeftAloneAndStartupFailsClearly() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Path path = options.name().posixPath();
		try (PeerProcess dead = NativePeers.startAsOtherUser("pipe_peer", "-o", "sink", path, 1)) {
			dead.awaitLine("ready");
			// killed: its socket file stays behind, owned by the other user
			dead.kill();
		}
		try {
			assertThat(ownerUid(path)).isEqualTo(OtherUser.UID);
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createServer(options))
				.withMessageStartingWith("bind(" + path + ") failed: EADDRINUSE (")
				.withMessageContaining("a stale socket owned by nobody (uid " + OtherUser.UID
						+ ") is in the way; it is not replaced");
			assertThat(ownerUid(path)).isEqualTo(OtherUser.UID);
		}
		finally {
			Files.deleteIfExists(path);
		}
	}

	private static int ownerUid(Path path) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
	}

}
