package dev.winipc.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The end of an inbound flow under measurement: counts messages and notes when the first
 * and the last arrived, and what the thread delivering them allocated in between. It
 * allocates nothing itself.
 */
final class Counter implements MessageHandler {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final long expected;

	private final boolean concurrent;

	private final CountDownLatch done = new CountDownLatch(1);

	private long count;

	private long firstNanos;

	private long lastNanos;

	private long firstAllocated;

	private long lastAllocated;

	Counter(long expected) {
		this(expected, false);
	}

	/**
	 * Create a counter.
	 * @param expected the messages to wait for
	 * @param concurrent whether messages may arrive on several threads at once, as Spring
	 * Integration's TCP NIO connection hands them over (when one assembler thread gives
	 * way to the next); then counting is synchronized, and the allocation figure means
	 * nothing
	 */
	Counter(long expected, boolean concurrent) {
		this.expected = expected;
		this.concurrent = concurrent;
	}

	@Override
	public void handleMessage(Message<?> message) {
		if (this.concurrent) {
			synchronized (this) {
				count();
			}
		}
		else {
			count();
		}
	}

	private void count() {
		// One delivering thread at a time (or synchronized): these are only read after done.
		long n = ++this.count;
		if (n == 1) {
			this.firstNanos = System.nanoTime();
			this.firstAllocated = THREADS.getCurrentThreadAllocatedBytes();
		}
		if (n == this.expected) {
			this.lastNanos = System.nanoTime();
			this.lastAllocated = THREADS.getCurrentThreadAllocatedBytes();
			this.done.countDown();
		}
	}

	/**
	 * Wait until every message arrived.
	 * @param writer the peer sending them: if it fails, or ends and the messages stop
	 * coming, waiting ends with an error
	 */
	void await(NativePeer.Running writer) {
		writer.awaitWhileRunning(this.done, () -> this.count + " of " + this.expected + " messages");
	}

	/** @return messages per second from the first to the last */
	double messagesPerSecond() {
		return (this.expected - 1) * 1e9 / (this.lastNanos - this.firstNanos);
	}

	/** @return the bytes the delivering thread allocated per message */
	double bytesPerMessage() {
		return (double) (this.lastAllocated - this.firstAllocated) / (this.expected - 1);
	}

}
