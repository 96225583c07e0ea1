package dev.winipc.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what the transport classes log through {@code System.Logger} (JUL by default)
 * to SLF4J, as Spring Boot does in an application, so tests see it in Logback and in
 * {@link LogCapture}. Registered for every test class through JUnit's extension
 * auto-detection.
 */
public final class JulToSlf4jExtension implements BeforeAllCallback {

	private static boolean installed;

	@Override
	public void beforeAll(ExtensionContext context) {
		install();
	}

	static synchronized void install() {
		if (!installed) {
			SLF4JBridgeHandler.removeHandlersForRootLogger();
			SLF4JBridgeHandler.install();
			Logger.getLogger("").setLevel(Level.FINE);
			installed = true;
		}
	}

}
