package dev.winipc.testcontainers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.IntegrationFlow;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.dsl.PipeConnectionFactorySpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.EndpointName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JNA backend's pipes against the native Windows peer in a Windows container, the
 * pipe mounted into it ({@code --mount type=npipe}), as a Windows service in a container
 * meets an application on its host. Testcontainers runs Linux containers only: the
 * {@code docker} command runs these, with process isolation and never a pull.
 * <p>
 * They run on Windows with Docker in Windows-container mode and the image
 * ({@value #DEFAULT_IMAGE}, or {@code WINIPC_WINDOWS_CONTAINER_IMAGE}) on the engine;
 * elsewhere they are reported skipped, saying which of these is missing. The workflow's
 * {@code windows-containers} job pulls the image and sets
 * {@code WINIPC_REQUIRE_WINDOWS_CONTAINERS=true}, which turns a skip into a failure.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "Windows containers")
class WindowsContainerPipeTests extends FlowTestSupport {

	/** The image the workflow's Windows runner (Windows Server 2022) runs with process isolation. */
	static final String DEFAULT_IMAGE = "mcr.microsoft.com/windows/servercore:ltsc2022";

	private static final String PEER = "win_pipe_peer";

	/** Where the peer's directory is mounted in the container. */
	private static final String PEER_DIRECTORY = "C:\\peer";

	private static String image;

	@BeforeAll
	static void windowsContainersAvailable() {
		String configured = System.getenv("WINIPC_WINDOWS_CONTAINER_IMAGE");
		image = (configured != null && !configured.isBlank()) ? configured.trim() : DEFAULT_IMAGE;
		String osType = docker("info", "--format", "{{.OSType}}");
		require(osType.equals("windows"), "Docker in Windows-container mode is needed; docker info says OSType '"
				+ osType + "'");
		require(!docker("image", "inspect", "--format", "{{.Id}}", image).isEmpty(),
				"the image " + image + " is not on the engine; pull it first (docker pull " + image + ")");
	}

	@Test
	void nativeClientInAContainerExchangesMessagesWithTheJnaBackend() {
		String name = PipeNames.unique("windows-container");
		answer(WinIpc.pipeServer(name).payloadType(PayloadType.STRING).access("D:(A;;GA;;;WD)"));
		try (PeerProcess client = run(name, "client", EndpointName.pipe(name).windowsName(), "one", "two words")) {
			assertThat(client.finish()).containsExactly("reply: accepted one", "reply: accepted two words");
		}
	}

	@Test
	void nativeClientInAContainerIsRefusedByTheCurrentUserOnlyDefault() {
		String name = PipeNames.unique("windows-container-refused");
		answer(WinIpc.pipeServer(name).payloadType(PayloadType.STRING));
		// the container's user is an account of its own, not the one the JVM runs as
		try (PeerProcess client = run(name, "probe", EndpointName.pipe(name).windowsName(), "let me in")) {
			assertThat(client.finish()).containsExactly("refused ERROR_ACCESS_DENIED");
		}
	}

	private void answer(PipeConnectionFactorySpec pipe) {
		register(IntegrationFlow.from(WinIpc.inboundGateway(pipe))
			.handle(String.class, (payload, headers) -> "accepted " + payload)
			.get());
	}

	/** Run the Windows peer in a container of its own, the pipe mounted into it. */
	private static PeerProcess run(String name, String... arguments) {
		String pipe = EndpointName.pipe(name).windowsName();
		Path peer = WindowsPeers.executable(PEER).toAbsolutePath();
		List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--pull=never", "--isolation=process",
				"--mount", "type=npipe,source=" + pipe + ",target=" + pipe, "--mount",
				"type=bind,source=" + peer.getParent() + ",target=" + PEER_DIRECTORY + ",readonly", image,
				PEER_DIRECTORY + "\\" + peer.getFileName()));
		command.addAll(List.of(arguments));
		return PeerProcess.start(command);
	}

	private static void require(boolean condition, String reason) {
		if (!condition && Boolean.parseBoolean(System.getenv("WINIPC_REQUIRE_WINDOWS_CONTAINERS"))) {
			Assertions.fail("WINIPC_REQUIRE_WINDOWS_CONTAINERS is true, but " + reason);
		}
		Assumptions.assumeTrue(condition, reason);
	}

	/** @return what the docker command printed, trimmed; empty when it failed or is missing */
	private static String docker(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "";
			}
			return (process.exitValue() == 0) ? output : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
