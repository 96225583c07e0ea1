package dev.winipc.windows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic of the client's connect timeout.
 */
class WindowsPipeClientTests {

	@Test
	void waitNamedPipeNeverGetsTheDefaultOrTheForeverTimeout() {
		assertThat(WindowsPipeClient.waitNamedPipeMillis(1)).isEqualTo(1);
		assertThat(WindowsPipeClient.waitNamedPipeMillis(TimeUnit.MILLISECONDS.toNanos(250))).isEqualTo(251);
		assertThat(WindowsPipeClient.waitNamedPipeMillis(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void hugeConnectTimeoutSaturates() {
		assertThat(WindowsPipeClient.saturatedNanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		assertThat(WindowsPipeClient.saturatedNanos(Duration.ofMillis(5))).isEqualTo(5_000_000L);
	}

}
