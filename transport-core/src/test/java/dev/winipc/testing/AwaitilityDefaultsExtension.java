package dev.winipc.testing;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every {@code await()} without a limit of its own 30 s instead of Awaitility's
 * 10 s: the peers run as other processes (some under Wine) on machines that may be busy,
 * and a wait that ends early only reports a failure that is not one. No test passes
 * sooner or later because of it. Registered for every test class through JUnit's
 * extension auto-detection.
 */
public final class AwaitilityDefaultsExtension implements BeforeAllCallback {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	@Override
	public void beforeAll(ExtensionContext context) {
		Awaitility.setDefaultTimeout(DEFAULT_TIMEOUT);
	}

}
