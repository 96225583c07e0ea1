package dev.winipc.windows;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic of the client's waits for a busy pipe.
 */
class WindowsPipeClientTests {

	@Test
	void waitNamedPipeNeverGetsTheDefaultOrTheForeverTimeoutAndWaitsOneSliceAtMost() {
		assertThat(WindowsPipeClient.waitNamedPipeMillis(1)).isEqualTo(1);
		assertThat(WindowsPipeClient.waitNamedPipeMillis(TimeUnit.MILLISECONDS.toNanos(50))).isEqualTo(51);
		assertThat(WindowsPipeClient.waitNamedPipeMillis(TimeUnit.MILLISECONDS.toNanos(250)))
			.isEqualTo(WindowsPipeClient.WAIT_SLICE_MILLIS);
		assertThat(WindowsPipeClient.waitNamedPipeMillis(Long.MAX_VALUE)).isEqualTo(WindowsPipeClient.WAIT_SLICE_MILLIS);
	}

}
