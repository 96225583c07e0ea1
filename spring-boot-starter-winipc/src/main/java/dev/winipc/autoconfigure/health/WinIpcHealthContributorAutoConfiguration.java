package dev.winipc.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import dev.winipc.autoconfigure.WinIpcAutoConfiguration;
import dev.winipc.integration.WinIpcEndpoint;

/**
 * Auto-configuration of the {@code winipc} health contributor, when Actuator's health
 * support is on the class path; {@code management.health.winipc.enabled=false} switches
 * it off, as for Boot's own contributors.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WinIpcAutoConfiguration.class)
@ConditionalOnClass({ HealthContributor.class, WinIpcEndpoint.class })
@ConditionalOnEnabledHealthIndicator("winipc")
public final class WinIpcHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "winipcHealthIndicator", "winipcHealthContributor" })
	WinIpcHealthContributor winipcHealthContributor(ObjectProvider<WinIpcEndpoint> endpoints) {
		return new WinIpcHealthContributor(endpoints);
	}

}
