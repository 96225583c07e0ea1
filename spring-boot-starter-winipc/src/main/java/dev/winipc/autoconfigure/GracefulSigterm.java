package dev.winipc.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.log.LogAccessor;

/**
 * Makes a SIGTERM a clean stop: the JVM exits with status 0 after Spring Boot's shutdown
 * hook has closed the context (which lets the endpoints finish the requests they are
 * handling), instead of the 143 a JVM reports for a SIGTERM, which service managers such
 * as systemd count as a failure. Installed once the application is ready, when it has
 * winipc endpoints and {@code winipc.graceful-sigterm} is {@code true} (the default).
 *
 * @since 0.1.0
 */
class GracefulSigterm implements ApplicationListener<ApplicationReadyEvent> {

	private static final LogAccessor logger = new LogAccessor(GracefulSigterm.class);

	private static final AtomicBoolean installed = new AtomicBoolean();

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (installed.compareAndSet(false, true)) {
			try {
				// System.exit runs the shutdown hooks, Spring Boot's among them, as the
				// JVM's own handler would, but with status 0.
				Signal.handle(new Signal("TERM"), (signal) -> System.exit(0));
				logger.debug("A SIGTERM stops this application with exit status 0");
			}
			catch (IllegalArgumentException | UnsupportedOperationException ex) {
				// No SIGTERM here (the JVM runs with -Xrs, say): nothing to change.
				logger.debug(ex, "SIGTERM is not handled here; leaving the JVM's own handling");
			}
		}
	}

}
