package dev.winipc.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the app on one machine, as the README has them run: each has its own
 * lock registry and so its own handle on the named mutex, and only the one that leads
 * reads the ring a native program feeds; once it stops, the other leads and reads on.
 */
class TwoInstancesTests {

	private static final String NAME = TestNames.unique(TwoInstancesTests.class);

	private static NativeProgram writer;

	@BeforeAll
	static void compileWriter() {
		writer = NativeProgram.compile(Path.of("native", "ring_writer.c"), Path.of("target", "test-native"));
	}

	@Test
	void onlyTheLeaderReadsTheRingAndTheOtherTakesOverWhenItStops() throws Exception {
		try (ConfigurableApplicationContext first = start("a")) {
			TicksReader firstReader = first.getBean(TicksReader.class);
			assertThat(firstReader.awaitRunning(Duration.ofSeconds(30))).isTrue();
			try (ConfigurableApplicationContext second = start("b")) {
				TicksReader secondReader = second.getBean(TicksReader.class);
				assertThat(secondReader.awaitRunning(Duration.ofSeconds(1))).isFalse();
				assertThat(feed(2)).isZero();
				TickCollector firstTicks = first.getBean(TickCollector.class);
				assertThat(firstTicks.ticks().poll(30, TimeUnit.SECONDS)).isEqualTo("tick 1 from C");
				assertThat(firstTicks.ticks().poll(30, TimeUnit.SECONDS)).isEqualTo("tick 2 from C");

				first.close();

				assertThat(secondReader.awaitRunning(Duration.ofSeconds(30))).isTrue();
				assertThat(feed(1)).isZero();
				assertThat(second.getBean(TickCollector.class).ticks().poll(30, TimeUnit.SECONDS))
					.isEqualTo("tick 1 from C");
				assertThat(firstTicks.ticks()).isEmpty();
			}
		}
	}

	private static int feed(int ticks) {
		return writer.run(Map.of("HELLO_RING", "Local\\" + NAME + "-ticks"), Integer.toString(ticks)).exitCode();
	}

	private static ConfigurableApplicationContext start(String instance) {
		return new SpringApplicationBuilder(SampleApplication.class).run("--spring.main.banner-mode=off",
				"--winipc.pipes.hello.name=" + NAME + "-" + instance, "--winipc.mailslots.hello.name=" + NAME + "-" + instance,
				"--winipc.locks.name-prefix=Local\\" + NAME + "-",
				"--winipc.shared-memory.ticks.name=Local\\" + NAME + "-ticks",
				"--winipc.shared-memory.greeting.name=Local\\" + NAME + "-" + instance,
				"--winipc.shared-memory.greeting.remove-on-close=true",
				// the last reader removes the ring
				"--winipc.shared-memory.ticks.remove-on-close=" + instance.equals("b"));
	}

}
