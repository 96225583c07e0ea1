package dev.winipc.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exchanges messages with a native C peer through endpoints and channels declared only
 * in {@code native-peer-test.yml}.
 */
@SpringBootTest(classes = NativePeerTests.PeerApplication.class, properties = "spring.config.name=native-peer-test")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peers on Unix domain sockets; on Windows the Windows backend tests run")
class NativePeerTests {

	private static final String SERVED_PIPE = PipeNames.unique("served");

	private static final String NATIVE_PIPE = PipeNames.unique("native");

	private static final String SHARED_PIPE = PipeNames.unique("shared");

	@Autowired
	@Qualifier("echo-requests")
	private MessageChannel echoRequests;

	@Autowired
	private PeerApplication application;

	@Autowired
	private ApplicationContext context;

	private PeerProcess running;

	@DynamicPropertySource
	static void pipeNames(DynamicPropertyRegistry registry) {
		registry.add("native-peer-test.served-pipe", () -> SERVED_PIPE);
		registry.add("native-peer-test.native-pipe", () -> NATIVE_PIPE);
		registry.add("native-peer-test.shared-pipe", () -> SHARED_PIPE);
	}

	@AfterEach
	void stopPeer() {
		if (this.running != null) {
			this.running.close();
		}
	}

	@Test
	void nativeClientIsAnsweredByInboundGateway() {
		this.running = NativePeers.start("pipe_peer", "client", PipeNames.posixPath(SERVED_PIPE), "hello",
				"from a native client");
		assertThat(this.running.finish()).containsExactly("reply: HELLO", "reply: FROM A NATIVE CLIENT");
		assertThat(this.application.requests).hasSize(2).allSatisfy((request) -> {
			assertThat(request.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "pipe")
				.containsEntry(WinIpcHeaders.ENDPOINT, SERVED_PIPE)
				.containsEntry(WinIpcHeaders.PEER_USER, System.getProperty("user.name"));
			assertThat(request.getHeaders().get(WinIpcHeaders.CONNECTION_ID, String.class)).startsWith(SERVED_PIPE + "-");
		});
		// both requests came on the client's one connection
		assertThat(this.application.requests.get(1).getHeaders().get(WinIpcHeaders.CONNECTION_ID))
			.isEqualTo(this.application.requests.get(0).getHeaders().get(WinIpcHeaders.CONNECTION_ID));
	}

	@Test
	void outboundGatewayIsAnsweredByNativeServer() {
		this.running = NativePeers.start("pipe_peer", "serve", PipeNames.posixPath(NATIVE_PIPE), "echo: ");
		this.running.awaitLine("ready");
		MessagingTemplate template = new MessagingTemplate();
		assertThat(template.convertSendAndReceive(this.echoRequests, "ping", String.class)).isEqualTo("echo: ping");
		assertThat(template.convertSendAndReceive(this.echoRequests, "pong", String.class)).isEqualTo("echo: pong");
	}

	@Test
	void endpointsSharingOnePipeAnswerManyNativeClientsAsynchronously() {
		// Each of the 8 clients checks that every reply answers its own request, in order.
		this.running = NativePeers.start("pipe_peer", "load", PipeNames.posixPath(SHARED_PIPE), 8, 100);
		assertThat(this.running.finish()).containsExactly("replies: 800 failures: 0");
		assertThat(this.context.getBean("async-requests.pipeConnectionFactory"))
			.isSameAs(this.context.getBean("async-replies.pipeConnectionFactory"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PeerApplication {

		final List<Message<String>> requests = new CopyOnWriteArrayList<>();

		@ServiceActivator(inputChannel = "async-requests", outputChannel = "async-replies")
		String async(String request) {
			return "async:" + request;
		}

		@ServiceActivator(inputChannel = "upper-requests")
		String upper(Message<String> request) {
			this.requests.add(request);
			return request.getPayload().toUpperCase(Locale.ROOT);
		}

	}

}
