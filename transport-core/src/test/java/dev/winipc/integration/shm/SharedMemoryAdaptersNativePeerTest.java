package dev.winipc.integration.shm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.GenericMessage;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.SharedMemoryInboundChannelAdapterSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.testing.LogCapture;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared-memory adapters in flows built with the DSL, against native C peers over
 * POSIX shared memory.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX shm_open peers; the Windows backend tests run the Win32 peers")
class SharedMemoryAdaptersNativePeerTest extends FlowTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Test
	void inboundRingDeliversNativeRecordsWithoutIdsWhenAskedTo() throws Exception {
		String name = SegmentNames.unique("inbound");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(4096))
			.payloadType(PayloadType.STRING)
			.generateIdAndTimestamp(false)).channel(received).get());
		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 4096, "one", "two").finish())
			.containsExactly("done");
		Message<?> first = received.receive(WAIT.toMillis());
		Message<?> second = received.receive(WAIT.toMillis());
		assertThat(first.getPayload()).isEqualTo("one");
		assertThat(second.getPayload()).isEqualTo("two");
		assertThat(first.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "shared-memory")
			.containsEntry(WinIpcHeaders.ENDPOINT, name)
			.doesNotContainKeys(MessageHeaders.ID, MessageHeaders.TIMESTAMP);
		assertThat(second.getHeaders()).isSameAs(first.getHeaders());
	}

	@Test
	void stopWaitsForABusyFlowNoLongerThanTheShutdownTimeout() throws Exception {
		String name = SegmentNames.unique("busy-stop");
		CountDownLatch handling = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		SharedMemoryInboundChannelAdapterSpec reader = WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(4096))
			.payloadType(PayloadType.STRING)
			.shutdownTimeout(Duration.ofMillis(200));
		register(IntegrationFlow.from(reader).handle((message) -> {
			handling.countDown();
			// a flow that goes on past the stop's interrupt, until the test lets it go
			boolean interrupted = false;
			while (release.getCount() > 0) {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}).get());
		try (LogCapture log = new LogCapture(SharedMemoryInboundChannelAdapter.class)) {
			assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 4096, "held").finish())
				.containsExactly("done");
			assertThat(handling.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			reader.getObject().stop();
			assertThat(reader.getObject().isRunning()).isFalse();
			assertThat(log.warnings()).singleElement()
				.asString()
				.contains("did not stop within the shutdown timeout of PT0.2S");
			// while that reader is still in its flow, a second one would read its records again
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(reader.getObject()::start)
				.withMessageContaining("the reader stopped before is still in its flow");
		}
		finally {
			release.countDown();
		}
		// once it has left, the adapter starts again
		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			reader.getObject().start();
			assertThat(reader.getObject().isRunning()).isTrue();
		});
	}

	@Test
	void inboundRingWithDefaultsGivesEachMessageItsId() throws Exception {
		String name = SegmentNames.unique("ids");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(4096)))
			.channel(received)
			.get());
		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 4096, "a", "b").finish())
			.containsExactly("done");
		Message<?> first = received.receive(WAIT.toMillis());
		Message<?> second = received.receive(WAIT.toMillis());
		assertThat(first.getPayload()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
		assertThat(first.getHeaders().getId()).isNotNull().isNotEqualTo(second.getHeaders().getId());
	}

	@Test
	void consumerStoppedMidStreamAndStartedAgainLosesNothing() throws Exception {
		String name = SegmentNames.unique("restart");
		int records = 50_000;
		List<Integer> sequences = new ArrayList<>();
		BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
		IntegrationFlowRegistration consumer = this.flows.registration(consumer(name, received)).register();
		try (PeerProcess writer = NativePeers.start("shm_peer", "ring-write", name, 16 * 1024, 7, records)) {
			Awaitility.await().atMost(WAIT).until(() -> received.size() > 1000);
			// The application stops mid-stream; the writer goes on, then waits for room.
			consumer.destroy();
			received.drainTo(sequences);
			assertThat(sequences.size()).isLessThan(records);
			register(consumer(name, received));
			Awaitility.await().atMost(WAIT).until(() -> {
				received.drainTo(sequences);
				return sequences.size() >= records;
			});
			assertThat(writer.finish()).containsExactly("ready", "done");
		}
		received.drainTo(sequences);
		assertThat(sequences).hasSize(records);
		for (int i = 0; i < records; i++) {
			assertThat(sequences.get(i)).isEqualTo(i);
		}
	}

	private static IntegrationFlow consumer(String name, BlockingQueue<Integer> received) {
		return IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(16 * 1024)))
			.handle(byte[].class, (payload, headers) -> {
				// {u32 writer, u32 sequence}, little-endian
				received.add((payload[4] & 0xFF) | (payload[5] & 0xFF) << 8 | (payload[6] & 0xFF) << 16
						| (payload[7] & 0xFF) << 24);
				return null;
			})
			.get();
	}

	@Test
	void flowFailureGoesToTheErrorChannelAndTheRingMovesOn() throws Exception {
		String name = SegmentNames.unique("errors");
		QueueChannel errors = new QueueChannel();
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(4096))
				.payloadType(PayloadType.STRING)
				.errorChannel(errors))
			.<String>filter((text) -> {
				if (text.equals("bad")) {
					throw new IllegalStateException("the flow refuses " + text);
				}
				return true;
			})
			.channel(received)
			.get());
		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 4096, "good", "bad", "after").finish())
			.containsExactly("done");
		assertThat(received.receive(WAIT.toMillis()).getPayload()).isEqualTo("good");
		assertThat(received.receive(WAIT.toMillis()).getPayload()).isEqualTo("after");
		ErrorMessage error = (ErrorMessage) errors.receive(WAIT.toMillis());
		assertThat(error.getPayload()).isInstanceOf(MessagingException.class)
			.hasRootCauseMessage("the flow refuses bad");
		assertThat(((MessagingException) error.getPayload()).getFailedMessage().getPayload()).isEqualTo("bad");
	}

	@Test
	void recordAbandonedByADeadWriterIsSkippedAfterTheUnblockTimeout() throws Exception {
		String name = SegmentNames.unique("dead-writer");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(4096).removeOnClose(true))
			.payloadType(PayloadType.STRING)
			.unblockTimeout(Duration.ofMillis(200))).channel(received).get());
		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 4096, "before").finish())
			.containsExactly("done");
		assertThat(received.receive(WAIT.toMillis()).getPayload()).isEqualTo("before");
		assertThat(NativePeers.start("shm_peer", "ring-abandon", name, 4096).finish()).containsExactly("abandoned");
		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, 4096, "after").finish())
			.containsExactly("done");
		assertThat(received.receive(WAIT.toMillis()).getPayload()).isEqualTo("after");
	}

	@Test
	void corruptedRingStopsTheReaderWithAnErrorNamingTheSegment() throws Exception {
		String name = SegmentNames.unique("corrupt");
		QueueChannel errors = new QueueChannel();
		QueueChannel received = new QueueChannel();
		// A record whose length points far outside the ring, as a broken peer might leave it.
		byte[] segment = new byte[128 + 1024 + 768];
		byte[] header = "WINIPCRB".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(header, 0, segment, 0, 8);
		segment[8] = 1;
		segment[12] = 1;
		segment[17] = 4; // capacity 1024
		segment[32] = (byte) 0x80; // the largest payload, 128
		segment[128] = 0x00;
		segment[129] = 0x10; // length 4096
		segment[132] = 1; // type 1
		Files.write(SegmentNames.posixPath(name), segment);
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(1024)).errorChannel(errors))
			.channel(received)
			.get());
		ErrorMessage error = (ErrorMessage) errors.receive(WAIT.toMillis());
		assertThat(error.getPayload()).hasMessageContaining("Stopped reading shared memory /" + name + ": read(/" + name
				+ ") failed: the record length 4096 at ring offset 0 points outside the ring");
		assertThat(received.receive(100)).isNull();
	}

	@Test
	void outboundRingFeedsANativeReader() throws Exception {
		String name = SegmentNames.unique("outbound");
		try (PeerProcess reader = NativePeers.start("shm_peer", "ring-read", name, 4096, 3)) {
			reader.awaitLine("ready");
			IntegrationFlowRegistration flow = register((f) -> f
				.handle(WinIpc.outboundAdapter(WinIpc.sharedMemory(name).capacity(4096).create(false))));
			for (String text : List.of("alpha", "beta", "gamma")) {
				flow.getInputChannel().send(new GenericMessage<>(text));
			}
			assertThat(reader.finish()).containsExactly("ready", "alpha", "beta", "gamma", "done");
		}
	}

	@Test
	void outboundRingThatStaysFullFailsTheSendNamingTheSegment() {
		String name = SegmentNames.unique("full");
		IntegrationFlowRegistration flow = register((f) -> f.handle(WinIpc.outboundAdapter(
				WinIpc.sharedMemory(name).capacity(1024).sendTimeout(Duration.ofMillis(50)).removeOnClose(true))));
		byte[] record = new byte[100];
		int sent = 0;
		try {
			while (sent < 100) {
				flow.getInputChannel().send(new GenericMessage<>(record));
				sent++;
			}
		}
		catch (MessageDeliveryException ex) {
			assertThat(ex).hasMessageContaining("Failed to write to shared memory /" + name + ": write(/" + name
					+ ") failed: the ring stayed full for PT0.05S");
			assertThat(ex.getFailedMessage().getPayload()).isSameAs(record);
		}
		assertThat(sent).isEqualTo(9);
	}

	@Test
	void outboundRegionWritesAUtf16GreetingForAWideCharReader() throws Exception {
		String name = SegmentNames.unique("hello");
		IntegrationFlowRegistration flow = register((f) -> f.handle(WinIpc.outboundAdapter(WinIpc.sharedMemory(name)
			.layout(SharedMemoryLayout.REGION)
			.size(256)
			.encoding(RegionEncoding.UTF_16LE)
			.removeOnClose(true))));
		flow.getInputChannel().send(new GenericMessage<>("Hello, World from Spring"));
		assertThat(NativePeers.start("shm_peer", "region-read", name, 256, "utf-16le", "Hello, World from Spring")
			.finish()).containsExactly("read: Hello, World from Spring");
	}

	@Test
	void inboundRegionEmitsEachChangeOfANativeWriter() throws Exception {
		String name = SegmentNames.unique("changes");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name)
			.layout(SharedMemoryLayout.REGION)
			.size(128)
			.encoding(RegionEncoding.UTF_8)
			.removeOnClose(true)).payloadType(PayloadType.STRING)).channel(received).get());
		for (String text : List.of("first", "second")) {
			assertThat(NativePeers.start("shm_peer", "region-write", name, 128, "utf-8", text).finish())
				.containsExactly("written");
			assertThat(received.receive(WAIT.toMillis()).getPayload()).isEqualTo(text);
		}
		assertThat(received.receive(50)).isNull();
	}

	@Test
	void outboundToAStoppedEndpointFailsNamingIt() {
		SharedMemoryOutboundChannelAdapter adapter = new SharedMemoryOutboundChannelAdapter(
				WinIpc.sharedMemory("Local\\stopped").options());
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> adapter.handleMessage(new GenericMessage<>("lost?")))
			.withMessageContaining("The shared-memory endpoint Local\\stopped is not running");
	}

}
