package dev.winipc.autoconfigure.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application whose only work is a winipc endpoint, run as a JVM of its
 * own as a user runs it: it keeps serving, and a SIGTERM stops it gracefully.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM and the POSIX C peer; Windows has no SIGTERM to send")
class ApplicationProcessTests {

	@Test
	void applicationKeepsServingAndExitsCleanlyWithStatusZeroOnSigterm() {
		String name = PipeNames.unique("process");
		Path socket = Path.of(PipeNames.posixPath(name));
		try (PeerProcess application = start(name)) {
			application.awaitLine((line) -> line.contains("Started EchoApplication"));
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(application::isAlive);
			try (PeerProcess client = NativePeers.start("pipe_peer", "client", socket, "still there?")) {
				assertThat(client.finish()).containsExactly("reply: echo:still there?");
			}

			application.terminate();

			assertThat(application.waitFor()).isZero();
			assertThat(socket).doesNotExist();
			assertThat(application.lines()).noneMatch(ApplicationProcessTests::isTrouble);
			// JDK 24+ warns on standard error that JNA loads native code: nothing else.
			assertThat(application.errors().lines()).noneMatch(ApplicationProcessTests::isTrouble);
		}
	}

	@Test
	void sigtermLetsTheRequestBeingHandledFinishAndItsReplyGoOut() {
		String name = PipeNames.unique("drain");
		try (PeerProcess application = start(name)) {
			application.awaitLine((line) -> line.contains("Started EchoApplication"));
			try (PeerProcess client = NativePeers.start("pipe_peer", "client", PipeNames.posixPath(name), "slow:1500")) {
				application.awaitLine("handling slow:1500");

				application.terminate();

				assertThat(client.finish()).containsExactly("reply: echo:slow:1500");
			}
			assertThat(application.waitFor()).isZero();
			assertThat(application.lines()).noneMatch((line) -> line.contains(" ERROR "));
		}
	}

	@Test
	void shutdownTimeoutBoundsTheWaitForARequestBeingHandled() {
		String name = PipeNames.unique("bounded");
		try (PeerProcess application = start(name, "--winipc.shutdown-timeout=300ms")) {
			application.awaitLine((line) -> line.contains("Started EchoApplication"));
			try (PeerProcess client = NativePeers.start("pipe_peer", "client", PipeNames.posixPath(name),
					"slow:600000")) {
				application.awaitLine("handling slow:600000");

				application.terminate();

				assertThat(application.waitFor()).isZero();
				// The connection was closed without a reply: the client says so.
				assertThat(client.waitFor()).isEqualTo(3);
				assertThat(client.errors()).contains("server closed the connection");
			}
			assertThat(application.lines()).anyMatch((line) -> line.contains("WARN")
					&& line.contains("stopped with 1 request(s) still being handled after the shutdown timeout of PT0.3S"));
		}
	}

	private static boolean isTrouble(String line) {
		return line.contains("ERROR") || line.startsWith("\tat ") || line.contains("Exception");
	}

	private static PeerProcess start(String pipe, String... arguments) {
		List<String> command = new ArrayList<>(List.of("--spring.main.banner-mode=off",
				"--winipc.pipes.echo.name=" + pipe, "--winipc.pipes.echo.direction=inbound-gateway",
				"--winipc.pipes.echo.channel=echo-requests", "--winipc.pipes.echo.payload-type=string"));
		command.addAll(List.of(arguments));
		return PeerProcess.startJava(EchoApplication.class, command);
	}

}
