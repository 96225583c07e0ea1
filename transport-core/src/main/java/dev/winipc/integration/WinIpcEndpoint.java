package dev.winipc.integration;

/**
 * A winipc endpoint as operations see it: every adapter and gateway of every transport
 * implements it. Its id names it in Actuator's health and in its meters; its state says
 * whether it does its work.
 * <pre class="code">
 * EndpointState state = context.getBean("orders.pipeInboundGateway", WinIpcEndpoint.class).getEndpointState();
 * </pre>
 *
 * @since 0.1.0
 */
public interface WinIpcEndpoint {

	/**
	 * Return the id that names the endpoint in health and metrics.
	 * @return the id set, e.g. {@code winipc.pipes.orders} for an endpoint the Boot
	 * starter declared; otherwise its bean name (what a DSL flow's {@code id(..)} sets)
	 */
	String getEndpointId();

	/**
	 * Set the id that names the endpoint in health and metrics.
	 * @param endpointId the id, e.g. {@code winipc.pipes.orders}
	 */
	void setEndpointId(String endpointId);

	/**
	 * Return what the endpoint is doing now.
	 * @return the state; reading it does no I/O beyond a file lookup
	 */
	EndpointState getEndpointState();

}
