package dev.winipc.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.testing.LogCapture;
import dev.winipc.testing.PipeNames;

import static dev.winipc.testcontainers.ContainerPeers.peer;
import static dev.winipc.testcontainers.NativePeerContainer.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Mailslot endpoints against C writers and readers in containers that share the socket
 * directory: concurrent writers into an inbound adapter, writers of another user kept
 * out, and a slot of another user refused by an outbound adapter.
 */
@EnabledIfDockerAvailable
class MailslotContainerTests extends FlowTestSupport {

	private final LogCapture readerLog = new LogCapture("dev.winipc.posix.PosixMailslotReader");

	private final BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();

	@AfterEach
	void stopCapturing() {
		this.readerLog.close();
	}

	@Test
	void writersInContainersFeedAnInboundAdapterEachInItsOwnOrder() throws Exception {
		String name = PipeNames.uniqueMailslot("container-writers");
		String path = PipeNames.mailslotPath(name);
		int threads = 4;
		int count = 2_500;
		read(name);
		try (NativePeerContainer first = peer("mailslot_peer", "flood", path, threads, count).withMailslot(name);
				NativePeerContainer second = peer("mailslot_peer", "flood", path, threads, count).withMailslot(name)) {
			first.start();
			second.start();
			assertThat(first.finish()).containsExactly("sent " + threads * count);
			assertThat(second.finish()).containsExactly("sent " + threads * count);
		}
		// a writer is a thread ("THREAD:SEQUENCE") of a container's process (its pid here)
		Map<String, List<Integer>> byWriter = new LinkedHashMap<>();
		for (int i = 0; i < 2 * threads * count; i++) {
			Message<?> message = next();
			String[] writerAndSequence = ((String) message.getPayload()).split(":");
			String writer = message.getHeaders().get(WinIpcHeaders.PEER_PID) + "/" + writerAndSequence[0];
			byWriter.computeIfAbsent(writer, (key) -> new ArrayList<>()).add(Integer.parseInt(writerAndSequence[1]));
		}
		assertThat(byWriter).hasSize(2 * threads);
		List<Integer> inOrder = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			inOrder.add(i);
		}
		assertThat(byWriter.values()).allSatisfy((sequences) -> assertThat(sequences).isEqualTo(inOrder));
		// the kernel names each sender by its pid on this machine, not the 1 it has in its container
		assertThat(byWriter.keySet().stream().map((writer) -> writer.split("/")[0]).distinct())
			.hasSize(2)
			.doesNotContain("1");
		assertThat(this.received).isEmpty();
	}

	@Test
	void writerOfAnotherUserIsRefusedByTheFileMode() throws Exception {
		String name = PipeNames.uniqueMailslot("container-mode");
		String path = PipeNames.mailslotPath(name);
		read(name);
		try (NativePeerContainer intruder = peer("mailslot_peer", "write", path, "let me in").withMailslot(name)
			.withUser(NOBODY, NOBODY)) {
			intruder.start();
			assertThat(intruder.waitFor()).isEqualTo(3);
			assertThat(intruder.lines()).containsExactly("refused EACCES");
		}
		writeAsTheJvmsUser(name, "mine");
		assertThat(next().getPayload()).isEqualTo("mine");
	}

	@Test
	void writerOfAnotherUserIsRefusedByItsCredentialsWhenTheFileModeWasWidened() throws Exception {
		String name = PipeNames.uniqueMailslot("container-credentials");
		Path path = Path.of(PipeNames.mailslotPath(name));
		read(name);
		// somebody widened the socket's mode behind the reader's back
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
		try (NativePeerContainer intruder = peer("mailslot_peer", "write", path, "sneaky").withMailslot(name)
			.withUser(NOBODY, NOBODY)) {
			intruder.start();
			assertThat(intruder.finish()).containsExactly("sent 1");
		}
		writeAsTheJvmsUser(name, "mine");
		assertThat(next().getPayload()).isEqualTo("mine");
		assertThat(this.readerLog.warnings()).singleElement()
			.asString()
			.startsWith("recvmsg(" + path + ") refused a 6-byte message from user nobody (pid ")
			.endsWith("only " + System.getProperty("user.name") + " may write (EACCES); it is discarded");
	}

	@Test
	void slotOfAnotherUserIsRefusedByAnOutboundAdapterUntilAccessWidensIt() {
		String name = PipeNames.uniqueMailslot("container-squat");
		String path = PipeNames.mailslotPath(name);
		try (NativePeerContainer squatter = peer("mailslot_peer", "-o", "read", path, 1).withMailslot(name)
			.withUser(NOBODY, NOBODY)) {
			squatter.start();
			squatter.awaitLine("ready");
			MessageChannel refused = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name))))
				.getInputChannel();
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> refused.send(MessageBuilder.withPayload("secret").build()))
				.withMessageContaining("connect(" + path + ") failed: EACCES")
				.withMessageContaining("the mailslot belongs to user nobody (uid " + NOBODY + "), not to the current user");
			MessageChannel wide = register(
					(flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name).access("0666"))))
				.getInputChannel();
			wide.send(MessageBuilder.withPayload("public").build());
			assertThat(squatter.finish()).containsExactly("ready", "got: public");
		}
	}

	private void read(String name) {
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.mailslot(name).payloadType(PayloadType.STRING)))
			.handle(this.received::add)
			.get());
	}

	private void writeAsTheJvmsUser(String name, String message) {
		register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name)))).getInputChannel()
			.send(MessageBuilder.withPayload(message).build());
	}

	private Message<?> next() throws InterruptedException {
		Message<?> message = this.received.poll(30, TimeUnit.SECONDS);
		assertThat(message).as("a message from the mailslot").isNotNull();
		return message;
	}

}
