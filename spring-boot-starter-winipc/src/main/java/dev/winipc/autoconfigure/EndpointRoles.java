package dev.winipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;

/**
 * An inbound endpoint's leadership role ({@code leader-role}): the endpoint joins Spring
 * Integration's role of that name and does not start with the application; the role
 * controller starts it when a leader initiator grants this application the role, and
 * stops it when the role is revoked.
 *
 * @since 0.1.0
 */
final class EndpointRoles {

	private EndpointRoles() {
	}

	/**
	 * Put an endpoint's bean in its role, if it has one.
	 * @param endpoint the endpoint's bean definition, an {@code AbstractEndpoint}
	 * @param role the role, or {@code null}
	 */
	static void apply(BeanDefinitionBuilder endpoint, @Nullable String role) {
		if (role != null) {
			endpoint.addPropertyValue("role", role).addPropertyValue("autoStartup", false);
		}
	}

}
