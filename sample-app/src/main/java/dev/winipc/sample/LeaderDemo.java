package dev.winipc.sample;

import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.winipc.integration.sync.MutexLockRegistry;

/**
 * The leader-election part of the demo: once this app leads the ring reader's role,
 * {@code native/leader_probe.c} tries the named mutex it holds and finds it taken by
 * another process. Two instances of the app on one machine contend for that mutex; the
 * sample's README shows how to try it.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
@Order(4)
public class LeaderDemo implements DemoStep {

	private static final Duration LEADING_WITHIN = Duration.ofSeconds(30);

	private final TicksReader ticks;

	private final String mutex;

	/**
	 * Create the step.
	 * @param ticks the ring's reader, which runs while this app leads
	 * @param locks winipc's lock registry
	 * @param role the ring reader's role, the mutex's key
	 */
	public LeaderDemo(TicksReader ticks, MutexLockRegistry locks,
			@Value("${winipc.shared-memory.ticks.leader-role}") String role) {
		this.ticks = ticks;
		this.mutex = locks.getNamePrefix() + role;
	}

	@Override
	public int run(NativePrograms natives) {
		if (!this.ticks.awaitRunning(LEADING_WITHIN)) {
			System.out.println("leader election: this app did not get the mutex " + this.mutex + " within "
					+ LEADING_WITHIN.toSeconds() + " s; another instance leads");
			return 1;
		}
		System.out.println("leader election: this app leads, holding the named mutex " + this.mutex);
		NativeProgram probe = natives.get("leader_probe");
		System.out.println();
		System.out.println("$ " + probe.getExecutable().getFileName());
		NativeProgram.Result result = probe.run(Map.of("HELLO_MUTEX", this.mutex));
		result.output().forEach((line) -> System.out.println("  " + line));
		if (result.exitCode() != 0 || !result.output().contains("held: another process leads")) {
			System.out.println("leader_probe did not find the mutex held (exit code " + result.exitCode() + ")");
			return (result.exitCode() != 0) ? result.exitCode() : 1;
		}
		System.out.println();
		System.out.println("leader election: one instance of the app reads the ring; start another to see it wait");
		return 0;
	}

}
