package dev.winipc.benchmarks;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;

/**
 * A Spring Integration context of its own for one run of a benchmark, closed after it:
 * each run starts from the same state.
 */
final class Flows implements AutoCloseable {

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);

	private final IntegrationFlowContext flows = this.context.getBean(IntegrationFlowContext.class);

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

}
