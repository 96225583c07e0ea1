package dev.winipc.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.core.log.LogAccessor;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import dev.winipc.integration.WinIpcHeaders;

/**
 * Logs each message that arrives on the {@code HelloWorld} mailslot. The channel
 * {@code mailslot-messages} is only named in {@code application.yml}: winipc creates it.
 *
 * @since 0.1.0
 */
@Component
public class HelloMailslot {

	private static final LogAccessor logger = new LogAccessor(HelloMailslot.class);

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	/**
	 * Log one message.
	 * @param message the text a writer sent, with winipc's headers
	 */
	@ServiceActivator(inputChannel = "mailslot-messages")
	public void log(Message<String> message) {
		logger.info(() -> "mailslot " + message.getHeaders().get(WinIpcHeaders.ENDPOINT) + ": " + message.getPayload());
		this.received.add(message.getPayload());
	}

	/**
	 * Wait for messages to arrive, for the demo.
	 * @param count how many
	 * @param timeout how long to wait for all of them
	 * @return the messages that arrived meanwhile, in order
	 */
	public List<String> await(int count, Duration timeout) {
		List<String> messages = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (messages.size() < count) {
				String message = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (message == null) {
					break;
				}
				messages.add(message);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return messages;
	}

}
