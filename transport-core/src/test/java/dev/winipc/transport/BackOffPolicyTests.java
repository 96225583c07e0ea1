package dev.winipc.transport;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackOffPolicyTests {

	@Test
	void exponentialPausesGrowByTheMultiplierUpToTheMaximum() {
		BackOffPolicy.Sequence pauses = BackOffPolicy.exponential(Duration.ofMillis(10), 3, Duration.ofMillis(100))
			.start();
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			millis.add(TimeUnit.NANOSECONDS.toMillis(pauses.nextDelayNanos()));
		}
		assertThat(millis).containsExactly(10L, 30L, 90L, 100L, 100L);
	}

	@Test
	void eachStartBeginsAgainAtTheInitialPause() {
		BackOffPolicy policy = BackOffPolicy.exponential(Duration.ofMillis(5), 2, Duration.ofSeconds(1));
		BackOffPolicy.Sequence first = policy.start();
		first.nextDelayNanos();
		first.nextDelayNanos();
		assertThat(policy.start().nextDelayNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
	}

	@Test
	void growthSaturatesInsteadOfOverflowing() {
		BackOffPolicy.Sequence pauses = BackOffPolicy
			.exponential(Duration.ofSeconds(1), 1e300, Duration.ofSeconds(Long.MAX_VALUE))
			.start();
		pauses.nextDelayNanos();
		assertThat(pauses.nextDelayNanos()).isEqualTo(Long.MAX_VALUE);
		assertThat(pauses.nextDelayNanos()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void valuesOutOfRangeNameTheSetting() {
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> BackOffPolicy.exponential(Duration.ZERO, 2, Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.getOption()).isEqualTo("backOff.initial"))
			.withMessage("backOff.initial must be positive, was PT0S");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> BackOffPolicy.exponential(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.getOption()).isEqualTo("backOff.multiplier"));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> BackOffPolicy.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.getOption()).isEqualTo("backOff.max"));
	}

	@Test
	void pauseStopsAtTheDeadline() throws Exception {
		BackOffPolicy.Sequence pauses = BackOffPolicy.exponential(Duration.ofHours(1), 1, Duration.ofHours(1)).start();
		assertThat(pauses.pause(System.nanoTime() - 1)).isFalse();
		assertThat(pauses.pause(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20))).isTrue();
	}

	@Test
	void pauseEndsAtOnceWhenInterruptedAndKeepsTheInterrupt() {
		BackOffPolicy.Sequence pauses = BackOffPolicy.exponential(Duration.ofHours(1), 1, Duration.ofHours(1)).start();
		CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
		Thread sleeper = new Thread(() -> {
			try {
				pauses.pause(Long.MAX_VALUE);
				interruptKept.complete(false);
			}
			catch (InterruptedIOException ex) {
				interruptKept.complete(Thread.currentThread().isInterrupted());
			}
		});
		sleeper.start();
		org.awaitility.Awaitility.await().until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);
		sleeper.interrupt();
		assertThat(interruptKept).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
	}

	@Test
	void aStoppingPolicyEndsTheAttempts() throws Exception {
		BackOffPolicy never = () -> () -> BackOffPolicy.STOP;
		assertThat(never.start().pause(Long.MAX_VALUE)).isFalse();
	}

}
