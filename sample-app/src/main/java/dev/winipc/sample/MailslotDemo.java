package dev.winipc.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.winipc.integration.mailslot.MailslotSettings;

/**
 * The mailslot part of the demo: runs {@code native/mailslot_writer.c}, which writes
 * three messages to the {@code HelloWorld} mailslot the app reads, and confirms that the
 * app received all three.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
@Order(2)
public class MailslotDemo implements DemoStep {

	/** What the native writer sends. */
	static final int MESSAGES = 3;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MailslotSettings hello;

	private final HelloMailslot reader;

	/**
	 * Create the step.
	 * @param hello the mailslot the app reads, {@code winipc.mailslots.hello}
	 * @param reader what the app does with each message
	 */
	public MailslotDemo(@Qualifier("hello.mailslotSettings") MailslotSettings hello, HelloMailslot reader) {
		this.hello = hello;
		this.reader = reader;
	}

	@Override
	public int run(NativePrograms natives) {
		System.out.println("mailslot: reading " + this.hello.describe());
		NativeProgram writer = natives.get("mailslot_writer");
		System.out.println();
		System.out.println("$ " + writer.getExecutable().getFileName());
		NativeProgram.Result result = writer.run(Map.of("HELLO_MAILSLOT", this.hello.getName()));
		result.output().forEach((line) -> System.out.println("  " + line));
		if (result.exitCode() != 0) {
			System.out.println("mailslot_writer failed with exit code " + result.exitCode());
			return result.exitCode();
		}
		List<String> received = this.reader.await(MESSAGES, WAIT);
		received.forEach((message) -> System.out.println("  app received: " + message));
		System.out.println();
		if (received.size() != MESSAGES) {
			System.out.println("mailslot: the app received " + received.size() + " of " + MESSAGES + " messages");
			return 1;
		}
		System.out.println("mailslot: " + MESSAGES + " messages received over " + this.hello.describe());
		return 0;
	}

}
