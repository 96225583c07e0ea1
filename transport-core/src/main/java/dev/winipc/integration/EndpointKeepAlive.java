package dev.winipc.integration;

/**
 * Keeps the JVM alive while any winipc endpoint runs, as an embedded web server or a
 * Spring Integration TCP server does: a Spring Boot application whose only work is
 * winipc endpoints then serves until its context is closed (SIGTERM, say), and exits on
 * its own after that. winipc's I/O threads are daemon threads; this one thread is not,
 * and it ends when the last endpoint stops.
 *
 * @since 0.1.0
 */
public final class EndpointKeepAlive {

	private static final Object lock = new Object();

	private static int running;

	private static boolean threadAlive;

	private EndpointKeepAlive() {
	}

	/**
	 * Note that an endpoint started.
	 */
	public static void acquire() {
		synchronized (lock) {
			running++;
			if (!threadAlive) {
				threadAlive = true;
				Thread thread = new Thread(EndpointKeepAlive::holdWhileRunning, "winipc-keep-alive");
				thread.setDaemon(false);
				thread.start();
			}
		}
	}

	/**
	 * Note that an endpoint stopped; once none runs, the JVM may exit.
	 */
	public static void release() {
		synchronized (lock) {
			if (running > 0) {
				running--;
				lock.notifyAll();
			}
		}
	}

	/**
	 * Return whether an endpoint runs, so that this keeps the JVM alive.
	 * @return {@code true} while any endpoint runs
	 */
	public static boolean isHolding() {
		synchronized (lock) {
			return running > 0;
		}
	}

	private static void holdWhileRunning() {
		synchronized (lock) {
			try {
				while (running > 0) {
					lock.wait();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				threadAlive = false;
			}
		}
	}

}
