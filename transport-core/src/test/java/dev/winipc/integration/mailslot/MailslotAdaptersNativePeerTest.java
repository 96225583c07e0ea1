package dev.winipc.integration.mailslot;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ErrorMessage;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.testing.LogCapture;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.PythonPeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The mailslot adapters, built with the {@code WinIpc} DSL, against real POSIX peers: C
 * writers and readers, Python's {@code socket}, {@code socat}.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix datagram sockets; on Windows the Windows backend tests run")
class MailslotAdaptersNativePeerTest extends FlowTestSupport {

	private final LogCapture log = new LogCapture(MailslotInboundChannelAdapter.class);

	private final BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();

	@AfterEach
	void stopCapturing() {
		this.log.close();
	}

	@Test
	void inboundAdapterReadsNativeWritersWithTheSendersHeaders() throws Exception {
		String name = PipeNames.uniqueMailslot("inbound");
		String path = PipeNames.mailslotPath(name);
		IntegrationFlowRegistration flow = register(
				IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.mailslot(name).payloadType(PayloadType.STRING)))
					.handle(this.received::add)
					.get());
		assertThat(EndpointKeepAlive.isHolding()).as("the JVM is kept alive while the slot is read").isTrue();

		long cPid;
		try (PeerProcess c = NativePeers.start("mailslot_peer", "write", path, "from C")) {
			assertThat(c.finish()).containsExactly("sent 1");
			cPid = c.pid();
		}
		try (PeerProcess python = PythonPeers.start("mailslot_writer", path, "from Python")) {
			assertThat(python.finish()).containsExactly("sent 1");
		}
		try (PeerProcess socat = PeerProcess.start(List.of("socat", "-u", "-", "UNIX-SENDTO:" + path))) {
			socat.stdin().write("from socat".getBytes());
			socat.stdin().close();
			assertThat(socat.waitFor()).isZero();
		}

		Message<?> fromC = next();
		assertThat(fromC.getPayload()).isEqualTo("from C");
		assertThat(fromC.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "mailslot")
			.containsEntry(WinIpcHeaders.ENDPOINT, name)
			.containsEntry(WinIpcHeaders.PEER_PID, cPid)
			.containsEntry(WinIpcHeaders.PEER_USER, System.getProperty("user.name"))
			.doesNotContainKey(WinIpcHeaders.CONNECTION_ID);
		assertThat(next().getPayload()).isEqualTo("from Python");
		assertThat(next().getPayload()).isEqualTo("from socat");
		flow.stop();
		assertThat(Path.of(path)).doesNotExist();
	}

	@Test
	void outboundAdapterWritesEachMessageIntoANativeReader() {
		String name = PipeNames.uniqueMailslot("outbound");
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name))))
			.getInputChannel();
		try (PeerProcess reader = NativePeers.start("mailslot_peer", "read", PipeNames.mailslotPath(name), 2)) {
			reader.awaitLine("ready");
			input.send(MessageBuilder.withPayload("one").build());
			input.send(MessageBuilder.withPayload("two".getBytes()).build());
			assertThat(reader.finish()).containsExactly("ready", "got: one", "got: two");
		}
	}

	@Test
	void outboundAdapterWithNoReaderFailsNamingTheSlotAndTheOsError() {
		String name = PipeNames.uniqueMailslot("nobody");
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name))))
			.getInputChannel();

		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("lost?").build()))
			.withMessageContaining("Failed to send to mailslot " + name + ": connect(" + PipeNames.mailslotPath(name)
					+ ") failed: ENOENT (2) No such file or directory: no reader has created the mailslot");
	}

	@Test
	void outboundAdapterRefusesAMessageAboveTheMaximumBeforeSendingIt() throws Exception {
		String name = PipeNames.uniqueMailslot("too-big");
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.mailslot(name).payloadType(PayloadType.STRING)))
			.handle(this.received::add)
			.get());
		MessageChannel input = register(
				(flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.mailslot(name).maxMessageSize(4))))
			.getInputChannel();

		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> input.send(MessageBuilder.withPayload("12345").build()))
			.withMessageContaining("a message of 5 bytes exceeds the maximum message size of 4 bytes; it was not sent");
		input.send(MessageBuilder.withPayload("1234").build());
		assertThat(next().getPayload()).isEqualTo("1234");
	}

	@Test
	void inboundAdapterLogsARefusedMessageSendsAFailedFlowToTheErrorChannelAndReadsOn() throws Exception {
		String name = PipeNames.uniqueMailslot("bad-input");
		String path = PipeNames.mailslotPath(name);
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(WinIpc.mailslot(name).maxMessageSize(1000).payloadType(PayloadType.STRING)))
			.handle(String.class, (payload, headers) -> {
				if (payload.equals("boom")) {
					throw new IllegalStateException("the flow fails on boom");
				}
				this.received.add(MessageBuilder.withPayload(payload).build());
				return null;
			})
			.get());

		try (PeerProcess oversize = NativePeers.start("mailslot_peer", "oversize", path, 5000)) {
			assertThat(oversize.finish()).containsExactly("sent 2");
		}
		try (PeerProcess writer = NativePeers.start("mailslot_peer", "write", path, "boom", "after")) {
			assertThat(writer.finish()).containsExactly("sent 2");
		}

		assertThat(next().getPayload()).isEqualTo("small");
		assertThat(next().getPayload()).isEqualTo("after");
		assertThat(this.log.errors()).containsExactly("Mailslot " + name + ": recvmsg(" + path + ") failed: "
				+ "EMSGSIZE (90) a message of 5000 bytes exceeds the maximum message size of 1000 bytes; it is "
				+ "discarded");
		ErrorMessage failure = nextError();
		assertThat(failure.getOriginalMessage()).isNotNull();
		assertThat(failure.getOriginalMessage().getPayload()).isEqualTo("boom");
		assertThat(failure.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "mailslot")
			.containsEntry(WinIpcHeaders.ENDPOINT, name);
		assertThat(failure.getPayload()).hasRootCauseMessage("the flow fails on boom");
	}

	@Test
	void stoppingTheInboundAdapterHandsWhatIsQueuedToTheFlowThenRefusesWriters() throws Exception {
		String name = PipeNames.uniqueMailslot("stop");
		String path = PipeNames.mailslotPath(name);
		CountDownLatch release = new CountDownLatch(1);
		IntegrationFlowRegistration flow = register(
				IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.mailslot(name).payloadType(PayloadType.STRING)))
					.handle(String.class, (payload, headers) -> {
						// The first message holds the flow up while the others queue.
						awaitRelease(release);
						this.received.add(MessageBuilder.withPayload(payload).build());
						return null;
					})
					.get());
		try (PeerProcess writer = NativePeers.start("mailslot_peer", "write", path, "1", "2", "3", "4", "5")) {
			assertThat(writer.finish()).containsExactly("sent 5");
		}

		Thread stopping = new Thread(flow::stop, "stop-the-flow");
		stopping.start();
		// Messages 2 to 5 are queued while the stop waits for the flow to take them.
		await().until(() -> Arrays.stream(stopping.getStackTrace())
			.anyMatch((frame) -> frame.getMethodName().equals("awaitDrained")));
		release.countDown();
		stopping.join(30_000);

		assertThat(stopping.isAlive()).isFalse();
		assertThat(this.received.stream().<Object>map(Message::getPayload).toList()).containsExactly("1", "2", "3", "4",
				"5");
		try (PeerProcess late = NativePeers.start("mailslot_peer", "write", path, "late")) {
			assertThat(late.waitFor()).isEqualTo(3);
			assertThat(late.lines()).containsExactly("refused ENOENT");
		}
	}

	private Message<?> next() throws InterruptedException {
		Message<?> message = this.received.poll(30, TimeUnit.SECONDS);
		assertThat(message).as("a message within 30 s").isNotNull();
		return message;
	}

	private static void awaitRelease(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
