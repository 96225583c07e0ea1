package dev.winipc.integration.sync;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.ErrorMessage;

import dev.winipc.integration.EndpointState;
import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.OperationsTestSupport;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.EventInboundChannelAdapterSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What operators see of named-event endpoints, against the native C peer: the waiter
 * counts each signal, a failed flow reaches the error channel and waiting goes on; the
 * signaller counts and times each action, and a failed one.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "sem_open peers; on Windows the Windows backend tests run")
class EventOperationsTest extends OperationsTestSupport {

	private final BlockingQueue<Message<?>> received = new LinkedBlockingQueue<>();

	@Test
	void waiterCountsEachSignalAndAFailedFlowGoesToTheErrorChannel() throws Exception {
		String name = "Local\\" + SegmentNames.unique(EndpointName.Kind.EVENT, "counted");
		String id = "waiter-" + name.substring(6);
		boolean[] failNext = { true };
		EventInboundChannelAdapterSpec waiter = WinIpc.inboundAdapter(WinIpc.event(name)).id(id);
		register(IntegrationFlow.from(waiter).handle((message) -> {
			if (failNext[0]) {
				failNext[0] = false;
				throw new IllegalStateException("the flow fails on the first signal");
			}
			this.received.add(message);
		}).get());

		assertThat(NativePeers.start("sync_peer", "event-set", name).finish()).containsExactly("set");
		ErrorMessage error = nextError();
		assertThat(error.getPayload()).hasRootCauseMessage("the flow fails on the first signal");
		assertThat(error.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "event")
			.containsEntry(WinIpcHeaders.ENDPOINT_ID, id);

		assertThat(NativePeers.start("sync_peer", "event-set", name).finish()).containsExactly("set");
		assertThat(this.received.poll(30, TimeUnit.SECONDS)).as("waiting went on after the failed flow").isNotNull();
		await().untilAsserted(() -> assertThat(messages(id, "inbound", "ok")).isEqualTo(2));
		assertThat(bytes(id, "inbound")).as("each payload is the event's name")
			.isEqualTo(2 * name.substring(6).length());
		assertThat(waiter.getObject().getEndpointState()).returns(EndpointStatus.UP, EndpointState::status)
			.returns("event", EndpointState::transport)
			.returns("waiter", EndpointState::role)
			.returns("/" + name.substring(6), EndpointState::object);
	}

	@Test
	void signallerCountsAndTimesEachActionAndAFailedOne() throws Exception {
		String name = "Local\\" + SegmentNames.unique(EndpointName.Kind.EVENT, "signaller");
		String id = "signaller-" + name.substring(6);
		MessageChannel input = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.event(name)),
				(endpoint) -> endpoint.id(id)))
			.getInputChannel();
		WinIpcEndpoint signaller = handler(id);

		try (PeerProcess peer = NativePeers.start("sync_peer", "event-wait", name, "auto")) {
			peer.awaitLine("waiting");
			input.send(MessageBuilder.withPayload("go").build());
			assertThat(peer.finish()).containsExactly("waiting", "set");
		}
		assertThatExceptionOfType(MessageDeliveryException.class).isThrownBy(() -> input
			.send(MessageBuilder.withPayload("x").setHeader(WinIpcHeaders.EVENT_ACTION, EventAction.PULSE).build()));

		assertThat(messages(id, "outbound", "ok")).isEqualTo(1);
		assertThat(messages(id, "outbound", "error")).isEqualTo(1);
		assertThat(sendsTimed(id)).isEqualTo(1);
		assertThat(signaller.getEndpointState()).returns(EndpointStatus.UP, EndpointState::status)
			.returns("signaller", EndpointState::role)
			.satisfies((state) -> assertThat(state.lastError()).contains("ENOTSUP (95)"));
	}

}
