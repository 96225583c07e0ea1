package dev.winipc.windows;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks after each test, once its {@code @AfterEach} methods closed what it opened, that
 * the backend holds no more handles in the Wine relay than before the test: closing is
 * {@code CancelIoEx}, wait, {@code CloseHandle}, and every handle a test opened is
 * released.
 */
final class RelayHandlesReleased implements BeforeEachCallback, AfterEachCallback {

	private static final Namespace NAMESPACE = Namespace.create(RelayHandlesReleased.class);

	private static final Duration WITHIN = Duration.ofSeconds(60);

	@Override
	public void beforeEach(ExtensionContext context) {
		context.getStore(NAMESPACE).put("before", WineRelay.get().win32().openHandleCount());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		int before = context.getStore(NAMESPACE).get("before", Integer.class);
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(WineRelay.get().win32().openHandleCount()).isEqualTo(before));
	}

}
