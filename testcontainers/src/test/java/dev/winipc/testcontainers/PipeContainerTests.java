package dev.winipc.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
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
 * Pipe endpoints against C peers in containers that share the socket directory: a
 * client of another user kept out by the default security and let in by {@code access},
 * a server in a container reached by a client-role endpoint, and a server of another
 * user refused by one.
 */
@EnabledIfDockerAvailable
class PipeContainerTests extends FlowTestSupport {

	private static final String ME = System.getProperty("user.name");

	private final LogCapture serverLog = new LogCapture("dev.winipc.posix.PosixPipeServer");

	@AfterEach
	void stopCapturing() {
		this.serverLog.close();
	}

	@Test
	void clientOfAnotherUserIsRefusedByTheDefaultSecurityWhichNamesItsUid() throws Exception {
		String name = PipeNames.unique("container-refused");
		Path path = Path.of(PipeNames.posixPath(name));
		answer(name, WinIpc.pipeServer(name).payloadType(PayloadType.STRING));
		try (NativePeerContainer intruder = peer("pipe_peer", "probe", path, "let me in").withPipe(name)
			.withUser(NOBODY, NOBODY)) {
			intruder.start();
			assertThat(intruder.finish()).containsExactly("refused EACCES");
		}
		// somebody widened the socket's mode behind the server's back: its peer check still refuses
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
		try (NativePeerContainer intruder = peer("pipe_peer", "probe", path, "let me in").withPipe(name)
			.withUser(NOBODY, NOBODY)) {
			intruder.start();
			assertThat(intruder.finish()).containsExactly("eof");
		}
		assertThat(this.serverLog.warnings()).singleElement()
			.asString()
			.startsWith("accept(" + path + ") refused a client running as user nobody (uid " + NOBODY + "): only ")
			.endsWith(" may connect (EACCES)");
		// a container of the JVM's own user is served
		try (NativePeerContainer own = peer("pipe_peer", "client", path, "mine").withPipe(name)) {
			own.start();
			assertThat(own.finish()).containsExactly("reply: accepted mine from " + ME);
		}
	}

	@Test
	void clientOfAnotherUserIsAdmittedOnceAccessWidensIt() {
		String name = PipeNames.unique("container-admitted");
		answer(name, WinIpc.pipeServer(name).payloadType(PayloadType.STRING).access("0666"));
		try (NativePeerContainer other = peer("pipe_peer", "client", PipeNames.posixPath(name), "one", "two")
			.withPipe(name)
			.withUser(NOBODY, NOBODY)) {
			other.start();
			assertThat(other.finish()).containsExactly("reply: accepted one from nobody",
					"reply: accepted two from nobody");
		}
	}

	@Test
	void serverInAContainerIsReachedByAClientRoleEndpoint() {
		String name = PipeNames.unique("container-server");
		try (NativePeerContainer server = peer("pipe_peer", "serve", PipeNames.posixPath(name), "echo:")
			.withPipe(name)) {
			server.start();
			server.awaitLine("ready");
			MessageChannel requests = register(
					(flow) -> flow.handle(WinIpc.outboundGateway(WinIpc.pipeClient(name).payloadType(PayloadType.STRING))))
				.getInputChannel();
			MessagingTemplate template = new MessagingTemplate();
			assertThat(template.convertSendAndReceive(requests, "first", String.class)).isEqualTo("echo:first");
			assertThat(template.convertSendAndReceive(requests, "second", String.class)).isEqualTo("echo:second");
		}
	}

	@Test
	void serverOfAnotherUserIsRefusedByAClientRoleEndpointNamingThePathAndTheUid() {
		String name = PipeNames.unique("container-squat");
		String path = PipeNames.posixPath(name);
		try (NativePeerContainer squatter = peer("pipe_peer", "-o", "sink", path, 1).withPipe(name)
			.withUser(NOBODY, NOBODY)) {
			squatter.start();
			squatter.awaitLine("ready");
			MessageChannel refused = register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(name))))
				.getInputChannel();
			assertThatExceptionOfType(MessageDeliveryException.class)
				.isThrownBy(() -> refused.send(MessageBuilder.withPayload("secret").build()))
				.withMessageContaining("connect(" + path + ") failed: EACCES (")
				.withMessageContaining("the pipe is served by user nobody (uid " + NOBODY + ")")
				.withMessageContaining("refusing to use it");
			// nothing reached the other user's server
			assertThat(squatter.lines()).containsExactly("ready");
			// with access widened by configuration the check is off, and the message goes
			MessageChannel allowed = register(
					(flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(name).access("0666"))))
				.getInputChannel();
			allowed.send(MessageBuilder.withPayload("allowed").build());
			squatter.awaitLine("got: allowed");
		}
	}

	/** Answer each request with "accepted REQUEST from PEER-USER". */
	private void answer(String name, dev.winipc.integration.dsl.PipeConnectionFactorySpec pipe) {
		register(IntegrationFlow.from(WinIpc.inboundGateway(pipe))
			.handle(String.class,
					(payload, headers) -> "accepted " + payload + " from " + headers.get(WinIpcHeaders.PEER_USER))
			.get());
	}

}
