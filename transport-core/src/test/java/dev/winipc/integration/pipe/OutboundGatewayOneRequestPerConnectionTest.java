package dev.winipc.integration.pipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads request through one client-role outbound gateway while its connection
 * breaks (the server shuts its reading side, so the next write fails and the gateway
 * reconnects) and while the server is killed and replaced. The native server checks
 * that no request arrives while it still owes the previous one its reply, and every
 * reply answers its own request.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class OutboundGatewayOneRequestPerConnectionTest extends FlowTestSupport {

	private static final int THREADS = 8;

	private static final int REQUESTS = 40;

	@Test
	void concurrentRequestsAcrossAServerRestartNeverShareAConnection() throws Exception {
		String name = PipeNames.unique("one-in-flight");
		String path = PipeNames.posixPath(name);
		MessageChannel requests = register((flow) -> flow
			.handle(WinIpc.outboundGateway(WinIpc.pipeClient(name).payloadType(PayloadType.STRING))))
			.getInputChannel();
		MessagingTemplate template = new MessagingTemplate();
		Queue<String> mismatches = new ConcurrentLinkedQueue<>();
		Queue<String> replies = new ConcurrentLinkedQueue<>();
		AtomicInteger failures = new AtomicInteger();
		List<PeerProcess> servers = new ArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(THREADS);
		try {
			servers.add(NativePeers.start("pipe_peer", "serve-strict", path, "first:", 2, 25));
			servers.get(0).awaitLine("ready");
			List<Future<?>> calls = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int caller = t;
				calls.add(callers.submit(() -> {
					for (int i = 0; i < REQUESTS; i++) {
						String request = "c" + caller + "-" + i;
						try {
							String reply = template.convertSendAndReceive(requests, request, String.class);
							replies.add(reply);
							if (reply == null || !(reply.equals("first:" + request) || reply.equals("second:" + request))) {
								mismatches.add(request + " -> " + reply);
							}
						}
						catch (MessagingException ex) {
							// The requests in flight when the server died fail, naming the pipe.
							assertThat(ex.getMessage()).contains(path);
							failures.incrementAndGet();
						}
					}
				}));
			}
			await().until(() -> replies.size() >= THREADS * REQUESTS / 3);
			servers.get(0).awaitLine("broke a connection");
			servers.get(0).kill();
			Files.deleteIfExists(Path.of(path));
			servers.add(NativePeers.start("pipe_peer", "serve-strict", path, "second:", 2, 0));
			for (Future<?> call : calls) {
				call.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
			servers.forEach(PeerProcess::close);
		}
		assertThat(mismatches).isEmpty();
		for (PeerProcess server : servers) {
			assertThat(server.lines()).noneMatch((line) -> line.startsWith("overlap"));
		}
		assertThat(replies).anyMatch((reply) -> reply.startsWith("first:"))
			.anyMatch((reply) -> reply.startsWith("second:"));
		assertThat(replies.size() + failures.get()).isEqualTo(THREADS * REQUESTS);
	}

}
