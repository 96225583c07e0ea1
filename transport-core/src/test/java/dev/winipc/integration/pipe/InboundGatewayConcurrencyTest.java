package dev.winipc.integration.pipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many native clients at once through one inbound gateway: each of 64 connections sends
 * 1,000 requests, and the C peer checks that every reply answers that connection's own
 * request, in order.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class InboundGatewayConcurrencyTest extends FlowTestSupport {

	@Test
	void sixtyFourClientsEachGetTheirOwnThousandRepliesInOrder() {
		String name = PipeNames.unique("load");
		register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name).payloadType(PayloadType.STRING)))
			.transform(String.class, request -> "echo:" + request)
			.get());
		try (PeerProcess clients = NativePeers.start("pipe_peer", "load", PipeNames.posixPath(name), 64, 1000)) {
			assertThat(clients.finish()).containsExactly("replies: 64000 failures: 0");
		}
	}

}
