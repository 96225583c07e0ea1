package dev.winipc.autoconfigure.health;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.integration.endpoint.AbstractEndpoint;

import dev.winipc.integration.EndpointState;
import dev.winipc.integration.WinIpcEndpoint;

/**
 * The {@code winipc} health contributor: one component per winipc endpoint of the
 * application, named by its {@link WinIpcEndpoint#getEndpointId() id}
 * ({@code winipc.pipes.orders} for an endpoint declared in configuration, the bean name
 * of one a DSL flow built), including endpoints of flows registered at run time. An
 * endpoint that does its work is {@code UP}, one that runs and cannot (a client retrying
 * its connection, a segment whose name was removed) is {@code DOWN}, a stopped one is
 * {@code UNKNOWN}, so that stopping an endpoint on purpose does not take the
 * application's health down; the details are those of its {@link EndpointState}. An
 * endpoint that belongs to a leader role (a {@code leader-role} in configuration) also
 * shows the role as {@code leaderRole}; while it stands by, its reason says it waits for
 * the role rather than only that it does not run.
 *
 * @since 0.1.0
 */
public class WinIpcHealthContributor implements CompositeHealthContributor {

	private final ObjectProvider<WinIpcEndpoint> endpoints;

	/**
	 * Create the contributor.
	 * @param endpoints the application's winipc endpoints, looked up at each check
	 */
	public WinIpcHealthContributor(ObjectProvider<WinIpcEndpoint> endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public @Nullable HealthContributor getContributor(String name) {
		return this.endpoints.orderedStream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(name))
			.findFirst()
			.map(WinIpcHealthContributor::indicator)
			.orElse(null);
	}

	@Override
	public Stream<Entry> stream() {
		return this.endpoints.orderedStream()
			.map((endpoint) -> new Entry(endpoint.getEndpointId(), indicator(endpoint)));
	}

	private static HealthIndicator indicator(WinIpcEndpoint endpoint) {
		return () -> health(endpoint.getEndpointState(), leaderRole(endpoint));
	}

	private static @Nullable String leaderRole(WinIpcEndpoint endpoint) {
		return (endpoint instanceof AbstractEndpoint member) ? member.getRole() : null;
	}

	/**
	 * Return the health of an endpoint in a state.
	 * @param state the endpoint's state
	 * @param leaderRole the leader role the endpoint belongs to, or {@code null}
	 * @return {@code UP}, {@code DOWN} or (stopped) {@code UNKNOWN}, with the state's
	 * details
	 */
	static Health health(EndpointState state, @Nullable String leaderRole) {
		Status status = switch (Objects.requireNonNull(state.status())) {
			case UP -> Status.UP;
			case DOWN -> Status.DOWN;
			case STOPPED -> Status.UNKNOWN;
		};
		Map<String, Object> details = state.details();
		if (leaderRole != null) {
			if (status == Status.UNKNOWN) {
				details.put("reason", "not running: it runs while this application leads role '" + leaderRole + "'");
			}
			details.put("leaderRole", leaderRole);
		}
		return Health.status(status).withDetails(details).build();
	}

}
