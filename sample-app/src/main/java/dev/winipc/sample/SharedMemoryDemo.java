package dev.winipc.sample;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.stereotype.Component;

/**
 * The shared-memory part of the demo: the app writes a UTF-16 greeting into the region
 * {@code Local\HelloWorld}, which {@code native/hello_region.c} reads; then
 * {@code native/ring_writer.c} feeds the ring {@code Local\HelloTicks}, which the app
 * reads.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
@Order(3)
public class SharedMemoryDemo implements DemoStep {

	/** The records the native writer puts into the ring. */
	static final int TICKS = 5;

	private final MessageChannel greetings;

	private final TickCollector ticks;

	private final TicksReader reader;

	private final String region;

	private final String ring;

	/**
	 * Create the step.
	 * @param greetings the channel {@code winipc.shared-memory.greeting} writes to the region
	 * @param ticks what the app received from the ring
	 * @param reader the ring's reader, which runs once this app leads its role
	 * @param region the region's name
	 * @param ring the ring's name
	 */
	public SharedMemoryDemo(@Qualifier("hello-greetings") MessageChannel greetings, TickCollector ticks,
			TicksReader reader, @Value("${winipc.shared-memory.greeting.name}") String region,
			@Value("${winipc.shared-memory.ticks.name}") String ring) {
		this.greetings = greetings;
		this.ticks = ticks;
		this.reader = reader;
		this.region = region;
		this.ring = ring;
	}

	@Override
	public int run(NativePrograms natives) {
		Map<String, String> environment = Map.of("HELLO_REGION", this.region, "HELLO_RING", this.ring);
		String greeting = "Hello, World from winipc (pid " + ProcessHandle.current().pid() + ")";
		this.greetings.send(new GenericMessage<>(greeting));
		System.out.println("shared memory: wrote \"" + greeting + "\" into " + this.region + " (UTF-16LE)");
		NativeProgram reader = natives.get("hello_region");
		System.out.println();
		System.out.println("$ " + reader.getExecutable().getFileName());
		if (!show(reader.run(environment))) {
			return 1;
		}
		// The ring's reader, which creates the ring, runs once this app leads its role.
		if (!this.reader.awaitRunning(Duration.ofSeconds(30))) {
			System.out.println("shared memory: the reader of " + this.ring + " did not start: another instance of the "
					+ "app leads its role");
			return 1;
		}
		NativeProgram writer = natives.get("ring_writer");
		System.out.println();
		System.out.println("$ " + writer.getExecutable().getFileName() + " " + TICKS);
		if (!show(writer.run(environment, Integer.toString(TICKS)))) {
			return 1;
		}
		System.out.println();
		for (int i = 0; i < TICKS; i++) {
			String tick = take();
			if (tick == null) {
				System.out.println("shared memory: only " + i + " of " + TICKS + " ticks arrived from " + this.ring);
				return 1;
			}
			System.out.println("  app received \"" + tick + "\"");
		}
		System.out.println();
		System.out.println("shared memory: a greeting through " + this.region + ", " + TICKS + " records through the ring "
				+ this.ring);
		return 0;
	}

	private String take() {
		try {
			return this.ticks.ticks().poll(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static boolean show(NativeProgram.Result result) {
		result.output().forEach((line) -> System.out.println("  " + line));
		if (result.exitCode() != 0) {
			System.out.println("failed with exit code " + result.exitCode());
			return false;
		}
		return true;
	}

}
