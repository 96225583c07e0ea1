package dev.winipc.integration.pipe;

import java.util.concurrent.TimeUnit;

/**
 * Counts the messages a pipe's connections are handling, so that a stop can wait for
 * them.
 *
 * @since 0.1.0
 */
final class InFlightMessages {

	private int count;

	synchronized void enter() {
		this.count++;
	}

	synchronized void exit() {
		this.count--;
		if (this.count == 0) {
			notifyAll();
		}
	}

	/** Wait until none is being handled, or the deadline; return how many still are. */
	synchronized int awaitNone(long deadline) {
		boolean interrupted = false;
		try {
			while (this.count > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			return this.count;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
