package dev.winipc.sample;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.log.LogAccessor;
import org.springframework.stereotype.Component;

/**
 * Logs where the app's Actuator answers, since the OS picks its port.
 *
 * @since 0.1.0
 */
@Component
public class ActuatorAddress {

	private static final LogAccessor logger = new LogAccessor(ActuatorAddress.class);

	/**
	 * Log the health and metrics addresses.
	 * @param event the web server listening
	 */
	@EventListener
	public void listening(WebServerInitializedEvent event) {
		String actuator = "http://127.0.0.1:" + event.getWebServer().getPort() + "/actuator";
		logger.info(() -> "Actuator: " + actuator + "/health and " + actuator + "/metrics/winipc.messages");
	}

}
