package dev.winipc.sample;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.springframework.core.log.LogAccessor;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.stereotype.Component;

/**
 * Receives the records a native program writes into the {@code HelloTicks} ring
 * ({@code winipc.shared-memory.ticks}), one message each, through the {@code hello-ticks}
 * channel winipc creates, while this instance of the app leads the ring reader's role.
 *
 * @since 0.1.0
 */
@Component
public class TickCollector {

	private static final LogAccessor logger = new LogAccessor(TickCollector.class);

	private final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();

	/**
	 * Take one tick.
	 * @param tick the record's text
	 */
	@ServiceActivator(inputChannel = "hello-ticks")
	public void onTick(String tick) {
		logger.info(() -> "Received \"" + tick + "\" from the ring");
		this.ticks.add(tick);
	}

	/** @return the ticks received and not yet taken */
	public BlockingQueue<String> ticks() {
		return this.ticks;
	}

}
