package dev.winipc.windows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.MailslotChecks;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.MailslotWriter;

import static dev.winipc.transport.MailslotChecks.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Windows backend's mailslots against native Windows programs
 * ({@code peers/win_mailslot_peer.c}), written as classic Win32 mailslot programs are: on
 * Windows itself, and on Linux with both the backend's calls and the peers under Wine.
 */
@Timeout(180)
class WindowsMailslotNativePeerTests {

	private final IpcPlatform platform = WindowsTestPlatform.platform();

	@Test
	void nativeWriterMessagesAreReadOneMessagePerWrite() throws Exception {
		String name = PipeNames.uniqueMailslot("native-writer");
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name));
				PeerProcess writer = WindowsPeers.start("win_mailslot_peer", "write", name, "one", "", "three")) {
			assertThat(writer.finish()).containsExactly("sent 3");
			assertThat(text(reader.read())).isEqualTo("one");
			assertThat(reader.read().payload()).isEmpty();
			assertThat(text(reader.read())).isEqualTo("three");
			assertThat(reader.nextMessageSize()).isEmpty();
		}
	}

	@Test
	void nativeWriterWithNoReaderIsRefusedWithFileNotFound() {
		String name = PipeNames.uniqueMailslot("native-noreader");
		try (PeerProcess writer = WindowsPeers.start("win_mailslot_peer", "write", name, "anyone?")) {
			assertThat(writer.waitFor()).isEqualTo(3);
			assertThat(writer.lines()).containsExactly("refused ERROR_FILE_NOT_FOUND");
		}
	}

	@Test
	void writerIntoANativeReaderDeliversEachMessage() throws Exception {
		String name = PipeNames.uniqueMailslot("native-reader");
		try (PeerProcess reader = WindowsPeers.start("win_mailslot_peer", "read", name, 3);
				MailslotWriter writer = this.platform.mailslots().createWriter(MailslotOptions.of(name))) {
			reader.awaitLine("ready");
			for (String message : new String[] { "first", "", "third" }) {
				byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
				writer.write(bytes, 0, bytes.length);
			}
			assertThat(reader.finish()).containsExactly("ready", "got: first", "got: ", "got: third");
		}
	}

	@Test
	void eightNativeWritersOfTenThousandMessagesEachAreReadInEachWritersOrder() throws Exception {
		String name = PipeNames.uniqueMailslot("native-flood");
		int writers = 8;
		int messages = 10_000;
		try (MailslotReader reader = this.platform.mailslots().createReader(MailslotOptions.of(name));
				PeerProcess flood = WindowsPeers.start("win_mailslot_peer", "flood", name, writers, messages)) {
			MailslotChecks.readInEachWritersOrder(reader, writers, messages);
			assertThat(flood.finish()).containsExactly("sent " + writers * messages);
		}
	}

	@Test
	void nativeMessageAboveTheReadersMaximumIsRefusedAndTheNextIsRead() throws Exception {
		String name = PipeNames.uniqueMailslot("native-oversize");
		MailslotOptions options = MailslotOptions.builder(name).maxMessageSize(1000).build();
		try (MailslotReader reader = this.platform.mailslots().createReader(options);
				PeerProcess writer = WindowsPeers.start("win_mailslot_peer", "oversize", name, 5000)) {
			if (WindowsPeers.underWine()) {
				// Wine lets it through (slotMaximumIsNotEnforcedOnWritesUnderWine): the reader refuses it.
				assertThat(writer.finish()).containsExactly("oversize: ok", "sent");
				assertThatExceptionOfType(IpcException.class).isThrownBy(reader::read)
					.withMessageContaining(options.name().windowsName())
					.withMessageContaining("exceeds the maximum message size of 1000 bytes; it is discarded");
			}
			else {
				assertThat(writer.finish()).hasSize(2).first().asString().startsWith("oversize: ERROR");
			}
			assertThat(text(reader.read())).isEqualTo("small");
		}
	}

	@Test
	void writerRefusesASlotOwnedByAnotherUserWhereTheOwnerIsReported() throws Exception {
		String name = PipeNames.uniqueMailslot("native-owner");
		try (PeerProcess reader = WindowsPeers.start("win_mailslot_peer", "read", name, 1, "O:SYD:(A;;GA;;;WD)");
				MailslotWriter writer = this.platform.mailslots().createWriter(MailslotOptions.of(name))) {
			reader.awaitLine("ready");
			byte[] secret = "secret".getBytes(StandardCharsets.UTF_8);
			if (WindowsPeers.underWine()) {
				// Wine reports no owner to a writer (slotOwnerIsNotReportedToWritersUnderWine).
				writer.write(secret, 0, secret.length);
				assertThat(reader.finish()).containsExactly("ready", "got: secret");
				return;
			}
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> writer.write(secret, 0, secret.length))
				.withMessageContaining(MailslotOptions.of(name).name().windowsName())
				.withMessageContaining("the mailslot is owned by S-1-5-18, not by the current user");
			// the same slot is fine once the check is widened by configuration
			try (MailslotWriter wide = this.platform.mailslots()
				.createWriter(MailslotOptions.builder(name).access("D:(A;;GA;;;WD)").build())) {
				byte[] open = "public".getBytes(StandardCharsets.UTF_8);
				wide.write(open, 0, open.length);
			}
			assertThat(reader.finish()).containsExactly("ready", "got: public");
		}
	}

}
