package dev.winipc.sample;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.stereotype.Component;

/**
 * Receives the records a native program writes into the {@code HelloTicks} ring
 * ({@code winipc.shared-memory.ticks}), one message each, through the {@code hello-ticks}
 * channel winipc creates.
 *
 * @since 0.1.0
 */
@Component
public class TickCollector {

	private final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();

	/**
	 * Take one tick.
	 * @param tick the record's text
	 */
	@ServiceActivator(inputChannel = "hello-ticks")
	public void onTick(String tick) {
		this.ticks.add(tick);
	}

	/** @return the ticks received and not yet taken */
	public BlockingQueue<String> ticks() {
		return this.ticks;
	}

}
