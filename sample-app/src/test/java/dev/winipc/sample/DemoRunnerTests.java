package dev.winipc.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the demo in the test's JVM: the runner compiles and runs the native client and
 * writer while the context starts, then asks the app's Actuator, on the port the OS gave
 * its web server, for the health and meters of its endpoints.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo.output-directory=target/demo-test", "sample.demo.requests=one,two" })
@ActiveProfiles(DemoRunner.PROFILE)
@ExtendWith(OutputCaptureExtension.class)
class DemoRunnerTests {

	private static final String PIPE = TestNames.unique(DemoRunnerTests.class);

	@Autowired
	private DemoRunner demo;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void endpointNames(DynamicPropertyRegistry registry) {
		registry.add("winipc.pipes.hello.name", () -> PIPE);
		registry.add("winipc.mailslots.hello.name", () -> PIPE);
		registry.add("winipc.shared-memory.greeting.name", () -> "Local\\" + PIPE);
		registry.add("winipc.shared-memory.ticks.name", () -> "Local\\" + PIPE + "-ticks");
		registry.add("winipc.locks.name-prefix", () -> "Local\\" + PIPE + "-");
	}

	@Test
	void demoPrintsEachExchangeAndSucceeds(CapturedOutput output) {
		assertThat(this.demo.getExitCode()).isZero();
		String pid = Long.toString(ProcessHandle.current().pid());
		assertThat(output).contains("  > one", "  < Hello, one! (from winipc, pid " + pid + ")", "  > two",
				"  < Hello, two! (from winipc, pid " + pid + ")", "named pipe: 2 exchanges");
		assertThat(output).contains("  > Message one for mailslot.", "  > Message three for mailslot.",
				"  app received: Message one for mailslot.", "  app received: Message two for mailslot.",
				"  app received: Message three for mailslot.", "mailslot: 3 messages received over ");
		assertThat(output).contains("read from Local\\" + PIPE + ": Hello, World from winipc (pid " + pid + ")",
				"  app received \"tick 1 from C\"", "  app received \"tick 5 from C\"",
				"leader election: this app leads, holding the named mutex Local\\" + PIPE + "-ticks-reader",
				"  held: another process leads");
		assertThat(output).contains("$ curl http://127.0.0.1:" + this.port + "/actuator/health/winipc",
				"\"winipc.pipes.hello\" : {", "\"winipc.mailslots.hello\" : {", "\"winipc.shared-memory.greeting\" : {",
				"\"winipc.shared-memory.ticks\" : {", "$ curl http://127.0.0.1:" + this.port + "/actuator/metrics/winipc.messages",
				"\"name\" : \"winipc.messages\"");
		assertThat(output.toString().lines().map(String::strip))
			.contains("winipc.pipes.hello                    2         2       0",
					"winipc.mailslots.hello                3         -       0",
					"winipc.shared-memory.greeting         -         1       0",
					"winipc.shared-memory.ticks            5         -       0",
					"operations: every endpoint UP, winipc.messages counted every message of the demo (13)",
					"demo finished: 5 parts, all succeeded");
	}

}
