package dev.winipc.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.winipc.testcontainers.EnabledIfDockerAvailable;
import dev.winipc.testcontainers.NativePeerContainer;
import dev.winipc.testcontainers.NativePeerImage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's flows against its native programs, each in a container of its own, as an
 * application tests against a native sidecar: the pipe's and the mailslot's socket
 * directory shared, the ring reached through the host's IPC namespace.
 */
@SpringBootTest
@EnabledIfDockerAvailable
class NativeProgramsInContainersTests {

	private static final String NAME = "HelloWorld-" + NativeProgramsInContainersTests.class.getSimpleName() + "-"
			+ System.nanoTime();

	private static final String RING = "Local\\" + NAME + "-ticks";

	@Autowired
	private HelloMailslot mailslot;

	@Autowired
	private TickCollector ticks;

	@DynamicPropertySource
	static void endpointNames(DynamicPropertyRegistry registry) {
		registry.add("winipc.pipes.hello.name", () -> NAME);
		registry.add("winipc.mailslots.hello.name", () -> NAME);
		registry.add("winipc.shared-memory.greeting.name", () -> "Local\\" + NAME);
		registry.add("winipc.shared-memory.ticks.name", () -> RING);
		registry.add("winipc.shared-memory.greeting.remove-on-close", () -> "true");
		registry.add("winipc.shared-memory.ticks.remove-on-close", () -> "true");
	}

	@Test
	void clientInAContainerGetsTheGreeting() {
		try (NativePeerContainer client = new NativePeerContainer(program("hello_client")).withPipe(NAME)
			.withEnv("HELLO_PIPE", NAME)
			.withArguments("Hello from a container")) {
			client.start();
			assertThat(client.finish()).containsExactly("> Hello from a container",
					"< Hello, Hello from a container! (from winipc, pid " + ProcessHandle.current().pid() + ")");
		}
	}

	@Test
	void writerInAContainerFeedsTheMailslot() {
		try (NativePeerContainer writer = new NativePeerContainer(program("mailslot_writer")).withMailslot(NAME)
			.withEnv("HELLO_MAILSLOT", NAME)) {
			writer.start();
			assertThat(writer.finish()).containsExactly("> Message one for mailslot.", "> Message two for mailslot.",
					"> Message three for mailslot.");
		}
		assertThat(this.mailslot.await(3, Duration.ofSeconds(30))).containsExactly("Message one for mailslot.",
				"Message two for mailslot.", "Message three for mailslot.");
	}

	@Test
	void ringWriterInAContainerFeedsTheTicks() throws Exception {
		try (NativePeerContainer writer = new NativePeerContainer(program("ring_writer")).withSharedMemory(RING)
			.withEnv("HELLO_RING", RING)
			.withArguments(3)) {
			writer.start();
			assertThat(writer.finish()).containsExactly("wrote \"tick 1 from C\" into " + RING,
					"wrote \"tick 2 from C\" into " + RING, "wrote \"tick 3 from C\" into " + RING);
		}
		for (int tick = 1; tick <= 3; tick++) {
			assertThat(this.ticks.ticks().poll(30, TimeUnit.SECONDS)).isEqualTo("tick " + tick + " from C");
		}
	}

	private static NativePeerImage program(String name) {
		return NativePeerImage.compile(Path.of("native", name + ".c"));
	}

}
