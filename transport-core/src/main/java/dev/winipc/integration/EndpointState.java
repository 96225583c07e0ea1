package dev.winipc.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an operator sees of one winipc endpoint at a moment: whether it does its work and
 * the facts that explain it. Actuator's {@code winipc} health contributor shows one per
 * endpoint; {@link WinIpcEndpoint#getEndpointState()} gives it without Boot.
 *
 * @param status whether it does its work
 * @param reason why it is not {@link EndpointStatus#UP}, or {@code null} when it is
 * @param transport {@code pipe}, {@code mailslot} or {@code shared-memory}
 * @param direction {@code inbound}, {@code outbound}, {@code inbound-gateway} or
 * {@code outbound-gateway}
 * @param role {@code server} or {@code client} (pipes), {@code reader} or {@code writer}
 * (mailslots and shared memory)
 * @param object the OS name of its object, e.g. {@code \\.\pipe\orders} or
 * {@code /tmp/CoreFxPipe_orders}
 * @param connections the connections open (pipes), or {@code null} where the transport
 * has none
 * @param lastError the last failure the endpoint met, naming the OS call and error, or
 * {@code null} if none
 * @since 0.1.0
 */
public record EndpointState(EndpointStatus status, @Nullable String reason, String transport, String direction,
		String role, String object, @Nullable Integer connections, @Nullable String lastError) {

	/**
	 * Check the state.
	 */
	public EndpointState {
		Objects.requireNonNull(status, "status must not be null");
		Objects.requireNonNull(transport, "transport must not be null");
		Objects.requireNonNull(direction, "direction must not be null");
		Objects.requireNonNull(role, "role must not be null");
		Objects.requireNonNull(object, "object must not be null");
	}

	/**
	 * Create the state of an endpoint from what it knows.
	 * @param running whether the endpoint runs; if not, it is
	 * {@link EndpointStatus#STOPPED}
	 * @param problem why a running endpoint cannot do its work, making it
	 * {@link EndpointStatus#DOWN}, or {@code null} if it can
	 * @param transport its transport
	 * @param direction its direction
	 * @param role its role
	 * @param object the OS name of its object
	 * @param connections its open connections, or {@code null} where it has none
	 * @param lastError the last failure it met, or {@code null}
	 * @return the state
	 */
	public static EndpointState of(boolean running, @Nullable String problem, String transport, String direction,
			String role, String object, @Nullable Integer connections, @Nullable String lastError) {
		if (!running) {
			return new EndpointState(EndpointStatus.STOPPED, "not running", transport, direction, role, object,
					connections, lastError);
		}
		return new EndpointState((problem != null) ? EndpointStatus.DOWN : EndpointStatus.UP, problem, transport,
				direction, role, object, connections, lastError);
	}

	/**
	 * Return the facts as details, in a fixed order; absent values are left out.
	 * @return {@code reason}, {@code transport}, {@code direction}, {@code role},
	 * {@code object}, {@code connections}, {@code lastError}
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		if (this.reason != null) {
			details.put("reason", this.reason);
		}
		details.put("transport", this.transport);
		details.put("direction", this.direction);
		details.put("role", this.role);
		details.put("object", this.object);
		if (this.connections != null) {
			details.put("connections", this.connections);
		}
		if (this.lastError != null) {
			details.put("lastError", this.lastError);
		}
		return details;
	}

}
