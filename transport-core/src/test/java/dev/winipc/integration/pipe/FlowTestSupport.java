package dev.winipc.integration.pipe;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Runs each test's flows, built with the {@code WinIpc} DSL, in a real integration
 * context and removes them afterwards.
 */
@SpringJUnitConfig(FlowTestSupport.Config.class)
abstract class FlowTestSupport {

	@Autowired
	IntegrationFlowContext flows;

	private final List<IntegrationFlowRegistration> registrations = new ArrayList<>();

	IntegrationFlowRegistration register(IntegrationFlow flow) {
		IntegrationFlowRegistration registration = this.flows.registration(flow).register();
		this.registrations.add(registration);
		return registration;
	}

	@AfterEach
	void removeFlows() {
		this.registrations.forEach(IntegrationFlowRegistration::destroy);
		this.registrations.clear();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class Config {

	}

}
