package dev.winipc.integration.dsl;

import java.util.Collections;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.dsl.ComponentsRegistration;

import dev.winipc.integration.pipe.PipeConnectionFactory;

/**
 * A spec of an endpoint on a pipe: the flow registers the pipe as a bean beside the
 * endpoint, so that the pipe publishes its connection events.
 *
 * @since 0.1.0
 */
public interface PipeEndpointSpec extends ComponentsRegistration {

	/**
	 * Return the pipe the endpoint uses.
	 * @return the pipe's connection factory
	 */
	PipeConnectionFactory connectionFactory();

	@Override
	default Map<Object, @Nullable String> getComponentsToRegister() {
		return Collections.singletonMap(connectionFactory(), null);
	}

}
