package dev.winipc.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gate that keeps a handle open until its last operation left.
 */
class OperationGateTests {

	@Test
	void shutGateLetsNoOperationIn() {
		OperationGate gate = new OperationGate();

		assertThat(gate.shut()).isTrue();

		assertThat(gate.enter()).isFalse();
		assertThat(gate.isShut()).isTrue();
	}

	@Test
	void onlyTheFirstShutCounts() {
		OperationGate gate = new OperationGate();

		assertThat(gate.shut()).isTrue();
		assertThat(gate.shut()).isFalse();
	}

	@Test
	void awaitIdleReturnsOnceTheLastOperationLeft() throws Exception {
		OperationGate gate = new OperationGate();
		assertThat(gate.enter()).isTrue();
		gate.shut();
		CountDownLatch closing = new CountDownLatch(1);
		CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> {
			closing.countDown();
			gate.awaitIdle();
		});
		closing.await();

		assertThat(closer).isNotDone();
		gate.exit();

		await().until(closer::isDone);
		assertThat(closer).isCompleted();
	}

	@Test
	void awaitIdleWithNothingRunningReturnsAtOnce() {
		OperationGate gate = new OperationGate();
		gate.shut();

		gate.awaitIdle();

		assertThat(gate.enter()).isFalse();
	}

}
