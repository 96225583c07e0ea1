package dev.winipc.integration.shm;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ErrorMessage;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointState;
import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.OperationsTestSupport;
import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.SharedMemoryInboundChannelAdapterSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PythonPeers;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of shared-memory endpoints, against the native C peer and Python:
 * the ring's reader counts exactly the records the peer wrote and its fill, a failed flow
 * reaches the error channel with its record consumed, and an endpoint whose segment's
 * name a peer removed is down saying so.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a segment's name can be removed from under it on Linux (/dev/shm)")
class SharedMemoryOperationsTest extends OperationsTestSupport {

	private static final int CAPACITY = 4096;

	private final BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();

	@Test
	void ringReaderCountsExactlyTheRecordsANativeWriterWrote() {
		String name = SegmentNames.unique("counted");
		String id = "counted-" + name;
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(CAPACITY)).id(id))
			.handle(this.received::add)
			.get());

		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, CAPACITY, "a", "bb", "ccc").finish())
			.containsExactly("done");

		await().untilAsserted(() -> assertThat(messages(id, "inbound", "ok")).isEqualTo(3));
		assertThat(bytes(id, "inbound")).isEqualTo("abbccc".length());
		assertThat(messages(id, "inbound", "error")).isZero();
		assertThat(gauge(EndpointMetrics.RING_FILL, id)).as("everything written was read").isZero();
		assertThat(this.received).hasSize(3);
	}

	@Test
	void failedFlowGoesToTheErrorChannelAndItsRecordIsConsumed() throws Exception {
		String name = SegmentNames.unique("flow-fails");
		String id = "failing-" + name;
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(WinIpc.sharedMemory(name).capacity(CAPACITY)).payloadType(PayloadType.STRING).id(id))
			.handle(String.class, (payload, headers) -> {
				if (payload.equals("boom")) {
					throw new IllegalStateException("the flow fails on boom");
				}
				this.received.add(MessageBuilder.withPayload(payload).build());
				return null;
			})
			.get());

		assertThat(NativePeers.start("shm_peer", "ring-write-text", name, CAPACITY, "boom", "after").finish())
			.containsExactly("done");

		ErrorMessage error = nextError();
		assertThat(error.getPayload()).hasRootCauseMessage("the flow fails on boom");
		assertThat(error.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "shared-memory")
			.containsEntry(WinIpcHeaders.ENDPOINT_ID, id);
		Message<?> after = this.received.poll(30, TimeUnit.SECONDS);
		assertThat(after).isNotNull();
		assertThat(after.getPayload()).isEqualTo("after");
		await().untilAsserted(() -> assertThat(gauge(EndpointMetrics.RING_FILL, id)).isZero());
		assertThat(pendingErrors()).as("the failed record is not read again").isEmpty();
	}

	@Test
	void writerIsDownOnceAPeerRemovedTheSegmentsName() {
		String name = SegmentNames.unique("removed");
		String id = "writer-" + name;
		MessageChannel input = register((flow) -> flow.handle(
				WinIpc.outboundAdapter(WinIpc.sharedMemory(name).capacity(CAPACITY)), (endpoint) -> endpoint.id(id)))
			.getInputChannel();
		WinIpcEndpoint writer = handler(id);
		input.send(MessageBuilder.withPayload("unread").build());
		assertThat(writer.getEndpointState().status()).isEqualTo(EndpointStatus.UP);
		assertThat(gauge(EndpointMetrics.RING_FILL, id)).as("one record of 6 bytes, aligned to 8, with its header")
			.isEqualTo(16);

		// Python's resource tracker removes a segment it merely attached to when it exits.
		assertThat(PythonPeers.start("shm_region", "tracked", name).finish()).containsExactly("attached");

		assertThat(SegmentNames.posixPath(name)).doesNotExist();
		assertThat(writer.getEndpointState()).returns(EndpointStatus.DOWN, EndpointState::status)
			.returns("/" + name, EndpointState::object)
			.satisfies((state) -> assertThat(state.reason()).contains("removed by another process"));
	}

	@Test
	void readerThatCannotOpenTheNameAgainIsDown() throws Exception {
		String name = SegmentNames.unique("reader-removed");
		SharedMemoryOptions options = SharedMemoryOptions.builder(name).capacity(CAPACITY).build();
		try (SharedMemoryRing ring = SharedMemoryRing.open(IpcPlatform.current().sharedMemory(), options)) {
			ring.write("first".getBytes(), 0, 5);
			SharedMemoryInboundChannelAdapterSpec reader = WinIpc
				.inboundAdapter(WinIpc.sharedMemory(name).capacity(CAPACITY).create(false));
			register(IntegrationFlow.from(reader).handle(this.received::add).get());
			WinIpcEndpoint endpoint = reader.getObject();
			await().untilAsserted(() -> assertThat(this.received).hasSize(1));
			assertThat(endpoint.getEndpointState().status()).isEqualTo(EndpointStatus.UP);

			assertThat(PythonPeers.start("shm_region", "tracked", name).finish()).containsExactly("attached");

			await().untilAsserted(() -> assertThat(endpoint.getEndpointState())
				.returns(EndpointStatus.DOWN, EndpointState::status)
				.returns("stopped reading", EndpointState::reason)
				.satisfies((state) -> assertThat(state.lastError()).contains("ENOENT")));
		}
	}

}
