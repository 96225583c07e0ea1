package dev.winipc.sample;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample's native client against the app, as the demo does, on a pipe of its
 * own so that a running demo does not interfere.
 */
@SpringBootTest
class SampleApplicationTests {

	private static final String PIPE = TestNames.unique(SampleApplicationTests.class);

	private static NativeProgram client;

	@BeforeAll
	static void compileClient() {
		client = NativeProgram.compile(Path.of("native", "hello_client.c"), Path.of("target", "test-native"));
	}

	@DynamicPropertySource
	static void pipeName(DynamicPropertyRegistry registry) {
		registry.add("winipc.pipes.hello.name", () -> PIPE);
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

}
