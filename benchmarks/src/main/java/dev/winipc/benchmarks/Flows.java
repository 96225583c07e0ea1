package dev.winipc.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.config.EnableIntegrationManagement;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.support.management.IntegrationManagement;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;

import dev.winipc.integration.WinIpcEndpoint;

/**
 * A Spring Integration context of its own for one run of a benchmark, closed after it:
 * each run starts from the same state. {@code -Dbenchmark.meters} gives it a Micrometer
 * registry ({@link MeterOverhead}): {@code winipc} hands it to the winipc endpoints
 * only, so that they count what they carry; {@code all} to every component, as Spring
 * Integration's management does in a Boot application with a registry.
 */
final class Flows implements AutoCloseable {

	/** The system property that gives the context a Micrometer registry. */
	static final String METERS = "benchmark.meters";

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(configuration());

	private final IntegrationFlowContext flows = this.context.getBean(IntegrationFlowContext.class);

	private static Class<?>[] configuration() {
		return switch (System.getProperty(METERS, "none")) {
			case "winipc" -> new Class<?>[] { Config.class, WinIpcMeters.class };
			case "all" -> new Class<?>[] { Config.class, AllMeters.class };
			default -> new Class<?>[] { Config.class };
		};
	}

	/**
	 * Register and start a flow.
	 * @param flow the flow
	 * @return its registration
	 */
	IntegrationFlowRegistration register(IntegrationFlow flow) {
		return this.flows.registration(flow).register();
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class Config {

	}

	@Configuration(proxyBeanMethods = false)
	static class WinIpcMeters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		static BeanPostProcessor winIpcMeters(ObjectProvider<MeterRegistry> registry) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof WinIpcEndpoint && bean instanceof IntegrationManagement endpoint) {
						endpoint.registerMetricsCaptor(new MicrometerMetricsCaptor(registry.getObject()));
					}
					return bean;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegrationManagement
	static class AllMeters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
