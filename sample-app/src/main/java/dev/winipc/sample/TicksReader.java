package dev.winipc.sample;

import java.io.InterruptedIOException;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.winipc.integration.shm.SharedMemoryInboundChannelAdapter;
import dev.winipc.transport.BackOffPolicy;

/**
 * The reader of the ring {@code Local\HelloTicks} ({@code winipc.shared-memory.ticks}),
 * which runs only while this instance of the app leads its role.
 *
 * @since 0.1.0
 */
@Component
public class TicksReader {

	private final SharedMemoryInboundChannelAdapter adapter;

	/**
	 * Create it.
	 * @param adapter the ring's inbound endpoint
	 */
	public TicksReader(@Qualifier("ticks.sharedMemoryInboundChannelAdapter") SharedMemoryInboundChannelAdapter adapter) {
		this.adapter = adapter;
	}

	/**
	 * Wait until the reader runs: this instance leads, and the ring exists.
	 * @param timeout how long at most
	 * @return whether it runs
	 */
	public boolean awaitRunning(Duration timeout) {
		BackOffPolicy.Sequence pauses = BackOffPolicy.DEFAULT.start();
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (!this.adapter.isRunning()) {
				if (!pauses.pause(deadline)) {
					return this.adapter.isRunning();
				}
			}
			return true;
		}
		catch (InterruptedIOException ex) {
			return false;
		}
	}

}
