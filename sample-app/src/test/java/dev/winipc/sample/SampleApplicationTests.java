package dev.winipc.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample's native client and mailslot writer against the app, as the demo does,
 * on a pipe and a mailslot of their own so that a running demo does not interfere.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final String PIPE = TestNames.unique(SampleApplicationTests.class);

	private static NativeProgram client;

	private static NativeProgram writer;

	@Autowired
	private HelloMailslot mailslot;

	@BeforeAll
	static void compileNativePrograms() {
		client = NativeProgram.compile(Path.of("native", "hello_client.c"), Path.of("target", "test-native"));
		writer = NativeProgram.compile(Path.of("native", "mailslot_writer.c"), Path.of("target", "test-native"));
	}

	@DynamicPropertySource
	static void endpointNames(DynamicPropertyRegistry registry) {
		registry.add("winipc.pipes.hello.name", () -> PIPE);
		registry.add("winipc.mailslots.hello.name", () -> PIPE);
		registry.add("winipc.locks.name-prefix", () -> "Local\\" + PIPE + "-");
		registry.add("winipc.shared-memory.ticks.name", () -> "Local\\" + PIPE + "-ticks");
		registry.add("winipc.shared-memory.greeting.name", () -> "Local\\" + PIPE);
		registry.add("winipc.shared-memory.ticks.remove-on-close", () -> "true");
		registry.add("winipc.shared-memory.greeting.remove-on-close", () -> "true");
	}

	@Test
	void nativeClientGetsTheGreeting() {
		NativeProgram.Result result = client.run(Map.of("HELLO_PIPE", PIPE), "Hello from a test");
		assertThat(result.output()).containsExactly("> Hello from a test",
				"< Hello, Hello from a test! (from winipc, pid " + ProcessHandle.current().pid() + ")");
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void nativeClientSendsItsDefaultRequest() {
		NativeProgram.Result result = client.run(Map.of("HELLO_PIPE", PIPE), "Hello from C");
		assertThat(result.exitCode()).as("exit code; output: %s", result.output()).isZero();
		assertThat(result.output()).last().asString().startsWith("< Hello, Hello from C! (from winipc, pid ");
	}

	@Test
	void nativeMailslotWriterMessagesAreReadAndLogged(CapturedOutput output) {
		NativeProgram.Result result = writer.run(Map.of("HELLO_MAILSLOT", PIPE));
		assertThat(result.exitCode()).as("exit code; output: %s", result.output()).isZero();
		assertThat(result.output()).containsExactly("> Message one for mailslot.", "> Message two for mailslot.",
				"> Message three for mailslot.");
		assertThat(this.mailslot.await(3, Duration.ofSeconds(30))).containsExactly("Message one for mailslot.",
				"Message two for mailslot.", "Message three for mailslot.");
		assertThat(output).contains("mailslot " + PIPE + ": Message three for mailslot.");
	}

}
