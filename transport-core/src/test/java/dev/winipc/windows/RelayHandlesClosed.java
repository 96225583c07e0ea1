package dev.winipc.windows;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks that after each test, once the test's own {@code @AfterEach} closed what it
 * opened, the backend holds no more Win32 handles through the relay than before it.
 */
final class RelayHandlesClosed implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(RelayHandlesClosed.class);

	private static final Duration WITHIN = Duration.ofSeconds(30);

	@Override
	public void beforeEach(ExtensionContext context) {
		context.getStore(NAMESPACE).put("before", WineRelay.get().win32().openHandleCount());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		int before = context.getStore(NAMESPACE).get("before", Integer.class);
		// closing may finish on another thread (a cancelled overlapped read, an owner thread)
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(WineRelay.get().win32().openHandleCount()).isEqualTo(before));
	}

}
