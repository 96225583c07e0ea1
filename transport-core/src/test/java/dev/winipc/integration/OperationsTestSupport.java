package dev.winipc.integration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegrationManagement;
import org.springframework.integration.config.IntegrationConfigUtils;
import org.springframework.test.context.ContextConfiguration;

import dev.winipc.integration.pipe.FlowTestSupport;

/**
 * The flow tests of what operators see: the flows run in an integration context with a
 * Micrometer registry, which Spring Integration hands every endpoint, and an observation
 * registry that observes the components whose names start with {@code observed-}.
 */
@ContextConfiguration(classes = OperationsTestSupport.Operations.class)
public abstract class OperationsTestSupport extends FlowTestSupport {

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected TestObservationRegistry observations;

	@Autowired
	protected ApplicationContext context;

	/**
	 * Return the outbound handler of a consumer endpoint a flow registered.
	 * @param consumer the consumer endpoint's id
	 * @return its handler
	 */
	protected WinIpcEndpoint handler(String consumer) {
		return this.context.getBean(consumer + IntegrationConfigUtils.HANDLER_ALIAS_SUFFIX, WinIpcEndpoint.class);
	}

	/**
	 * Return how many messages an endpoint counted.
	 * @param endpoint the {@code endpoint} tag
	 * @param direction {@code inbound} or {@code outbound}
	 * @param result {@code ok} or {@code error}
	 * @return the count; {@code -1} if the endpoint has no such counter
	 */
	protected double messages(String endpoint, String direction, String result) {
		Counter counter = this.meters.find(EndpointMetrics.MESSAGES)
			.tags("endpoint", endpoint, "direction", direction, "result", result)
			.counter();
		return (counter != null) ? counter.count() : -1;
	}

	/**
	 * Return how many bytes an endpoint counted.
	 * @param endpoint the {@code endpoint} tag
	 * @param direction {@code inbound} or {@code outbound}
	 * @return the count; {@code -1} if the endpoint has no such counter
	 */
	protected double bytes(String endpoint, String direction) {
		Counter counter = this.meters.find(EndpointMetrics.BYTES).tags("endpoint", endpoint, "direction", direction)
			.counter();
		return (counter != null) ? counter.count() : -1;
	}

	/**
	 * Return how many sends an endpoint timed.
	 * @param endpoint the {@code endpoint} tag
	 * @return the count; {@code -1} if the endpoint has no send timer
	 */
	protected long sendsTimed(String endpoint) {
		Timer timer = this.meters.find(EndpointMetrics.SEND).tags("endpoint", endpoint).timer();
		return (timer != null) ? timer.count() : -1;
	}

	/**
	 * Return a gauge of an endpoint.
	 * @param name the gauge's name
	 * @param endpoint the {@code endpoint} tag
	 * @return its value; {@code -1} if the endpoint has no such gauge
	 */
	protected double gauge(String name, String endpoint) {
		Gauge gauge = this.meters.find(name).tags("endpoint", endpoint).gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegrationManagement(observationPatterns = "observed-*")
	static class Operations {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
