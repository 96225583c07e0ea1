package dev.winipc.posix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.LogCapture;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.PythonPeers;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.MailslotChecks;
import dev.winipc.transport.MailslotMessage;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.MailslotWriter;

import static dev.winipc.transport.MailslotChecks.bytes;
import static dev.winipc.transport.MailslotChecks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The POSIX mailslot's socket file and its real peers: C writers and readers compiled by
 * the test, Python's {@code socket}, {@code socat}. Writers and readers of another user
 * meet the endpoints in containers ({@code winipc-testcontainers}'
 * {@code MailslotContainerTests}).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the POSIX backend's Unix datagram sockets")
class PosixMailslotTransportTest {

	private final PosixIpcPlatform platform = new PosixIpcPlatform();

	private final LogCapture log = new LogCapture(PosixMailslotReader.class);

	@AfterEach
	void stopCapturing() {
		this.log.close();
	}

	@Test
	void mailslotNameMapsToItsSocketInTmpdir() {
		String tmp = System.getenv("TMPDIR");
		Path expectedDir = Path.of((tmp != null && !tmp.isBlank()) ? tmp : "/tmp");
		assertThat(EndpointName.mailslot("HelloWorld").posixPath())
			.isEqualTo(expectedDir.resolve("winipc-mailslot-HelloWorld"));
		assertThat(EndpointName.mailslot("\\\\.\\mailslot\\HelloWorld").posixPath())
			.isEqualTo(expectedDir.resolve("winipc-mailslot-HelloWorld"));
		assertThat(this.platform.osName(EndpointName.mailslot("HelloWorld")))
			.isEqualTo(expectedDir.resolve("winipc-mailslot-HelloWorld").toString());
	}

	@Test
	void socketFileIsCurrentUserOnlyAndRemovedOnClose() throws Exception {
		String name = PipeNames.uniqueMailslot("mode");
		Path path = EndpointName.mailslot(name).posixPath();
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void configuredAccessSetsTheFileModeAndSddlIsRefusedHere() throws Exception {
		String name = PipeNames.uniqueMailslot("access");
		Path path = EndpointName.mailslot(name).posixPath();
		MailslotOptions wide = MailslotOptions.builder(name).access("0660").build();
		try (MailslotReader reader = this.platform.mailslots().createReader(wide)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
		}
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.mailslots()
				.createReader(MailslotOptions.builder(name).access("D:P(A;;GA;;;AU)").build()))
			.withMessageContaining("EINVAL")
			.withMessageContaining("access 'D:P(A;;GA;;;AU)'");
	}

	@Test
	void staleSocketOfOursIsReplaced() throws Exception {
		String name = PipeNames.uniqueMailslot("stale");
		Path path = EndpointName.mailslot(name).posixPath();
		// a reader that was killed leaves its socket file behind
		try (PeerProcess dead = NativePeers.start("mailslot_peer", "read", path, 1)) {
			dead.awaitLine("ready");
			dead.kill();
		}
		assertThat(path).exists();
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name));
				MailslotWriter writer = this.platform.mailslots().createWriter(MailslotOptions.of(name))) {
			writer.write(bytes("fresh"), 0, 5);
			assertThat(text(reader.read())).isEqualTo("fresh");
		}
		assertThat(this.log.warnings()).isEmpty();
	}

	@Test
	void pathThatIsNotASocketIsNeverReplaced() throws Exception {
		String name = PipeNames.uniqueMailslot("file");
		Path path = EndpointName.mailslot(name).posixPath();
		Files.writeString(path, "precious");
		try {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.mailslots().createReader(MailslotOptions.of(name)))
				.withMessageStartingWith("bind(" + path + ") failed: EEXIST");
			assertThat(path).hasContent("precious");
		}
		finally {
			Files.delete(path);
		}
	}

	@Test
	void liveReaderOfAnotherProcessIsAnErrorAndIsLeftAlone() throws Exception {
		String name = PipeNames.uniqueMailslot("live");
		Path path = EndpointName.mailslot(name).posixPath();
		try (PeerProcess native1 = NativePeers.start("mailslot_peer", "read", path, 1)) {
			native1.awaitLine("ready");
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.mailslots().createReader(MailslotOptions.of(name)))
				.withMessageStartingWith("bind(" + path + ") failed: EADDRINUSE")
				.withMessageContaining("another reader is live on this mailslot");
			try (MailslotWriter writer = this.platform.mailslots().createWriter(MailslotOptions.of(name))) {
				writer.write(bytes("to the C reader"), 0, 15);
			}
			assertThat(native1.finish()).containsExactly("ready", "got: to the C reader");
		}
	}

	@Test
	void readerReportsEachSendersProcessAndUser() throws Exception {
		String name = PipeNames.uniqueMailslot("sender");
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name));
				PeerProcess writer = NativePeers.start("mailslot_peer", "write", PipeNames.mailslotPath(name), "hi")) {
			MailslotMessage message = reader.read();
			assertThat(writer.finish()).containsExactly("sent 1");
			assertThat(text(message)).isEqualTo("hi");
			assertThat(message.sender().processId()).isEqualTo(writer.pid());
			assertThat(message.sender().user()).isEqualTo(System.getProperty("user.name"));
		}
	}

	@Test
	void cWritersPythonWritersAndSocatAreReadOneMessagePerDatagram() throws Exception {
		String name = PipeNames.uniqueMailslot("peers");
		String path = PipeNames.mailslotPath(name);
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name))) {
			try (PeerProcess c = NativePeers.start("mailslot_peer", "write", path, "from C", "", "again C")) {
				assertThat(c.finish()).containsExactly("sent 3");
			}
			try (PeerProcess python = PythonPeers.start("mailslot_writer", path, "from Python", "\u00e9t\u00e9")) {
				assertThat(python.finish()).containsExactly("sent 2");
			}
			try (PeerProcess socat = PeerProcess.start(List.of("socat", "-u", "-", "UNIX-SENDTO:" + path))) {
				socat.stdin().write(bytes("from socat"));
				socat.stdin().close();
				assertThat(socat.waitFor()).isZero();
			}
			assertThat(text(reader.read())).isEqualTo("from C");
			assertThat(reader.read().payload()).isEmpty();
			assertThat(text(reader.read())).isEqualTo("again C");
			assertThat(text(reader.read())).isEqualTo("from Python");
			assertThat(text(reader.read())).isEqualTo("\u00e9t\u00e9");
			assertThat(text(reader.read())).isEqualTo("from socat");
			assertThat(reader.nextMessageSize()).isEmpty();
		}
	}

	@Test
	void eightNativeWritersOfTenThousandMessagesEachAreReadInEachWritersOrder() throws Exception {
		String name = PipeNames.uniqueMailslot("cflood");
		int writers = 8;
		int messages = 10_000;
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name));
				PeerProcess flood = NativePeers.start("mailslot_peer", "flood", PipeNames.mailslotPath(name), writers,
						messages)) {
			MailslotChecks.readInEachWritersOrder(reader, writers, messages);
			assertThat(flood.finish()).containsExactly("sent " + writers * messages);
		}
	}

	@Test
	void nativeOversizeMessageIsRefusedNamingItsSizeAndTheNextIsRead() throws Exception {
		String name = PipeNames.uniqueMailslot("c-oversize");
		MailslotOptions options = MailslotOptions.builder(name).maxMessageSize(1000).build();
		try (MailslotReader reader = this.platform.mailslots().createReader(options);
				PeerProcess writer = NativePeers.start("mailslot_peer", "oversize", PipeNames.mailslotPath(name), 5000)) {
			assertThat(writer.finish()).containsExactly("sent 2");
			assertThatExceptionOfType(IpcException.class).isThrownBy(reader::read)
				.withMessage("recvmsg(" + PipeNames.mailslotPath(name) + ") failed: EMSGSIZE (90) a message of 5000 "
						+ "bytes exceeds the maximum message size of 1000 bytes; it is discarded");
			assertThat(text(reader.read())).isEqualTo("small");
		}
	}

	@Test
	void writerIntoANativeReaderDeliversEachMessage() throws Exception {
		String name = PipeNames.uniqueMailslot("c-reader");
		try (PeerProcess reader = NativePeers.start("mailslot_peer", "read", PipeNames.mailslotPath(name), 2);
				MailslotWriter writer = this.platform.mailslots().createWriter(MailslotOptions.of(name))) {
			reader.awaitLine("ready");
			writer.write(bytes("one"), 0, 3);
			writer.write(bytes("two"), 0, 3);
			assertThat(reader.finish()).containsExactly("ready", "got: one", "got: two");
		}
	}

	@Test
	void socketPathLongerThanAUnixSocketAllowsFailsNamingThePath() {
		String name = PipeNames.uniqueMailslot("long-" + "x".repeat(120));
		Path path = EndpointName.mailslot(name).posixPath();
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.mailslots().createReader(MailslotOptions.of(name)))
			.withMessageStartingWith("bind(" + path + ") failed: ENAMETOOLONG");
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.platform.mailslots().createWriter(MailslotOptions.of(name)))
			.withMessageStartingWith("connect(" + path + ") failed: ENAMETOOLONG");
	}

}
