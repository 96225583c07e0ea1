package dev.winipc.integration;

import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.integration.support.management.ManageableSmartLifecycle;
import org.springframework.integration.support.management.metrics.MetricsCaptor;

/**
 * What winipc's outbound channel adapters share on top of Spring Integration's
 * {@link AbstractMessageHandler}: an {@link #getEndpointId() id} for health and metrics,
 * meters registered when Spring Integration hands the adapter a metrics captor (and
 * again when it starts, once its consumer endpoint named it), and a lifecycle its
 * consumer endpoint drives: the adapter does not start with the context on its own, so
 * that the consumer's {@code autoStartup} and {@code phase} hold.
 *
 * @since 0.1.0
 */
public abstract class WinIpcMessageHandlerSupport extends AbstractMessageHandler
		implements ManageableSmartLifecycle, WinIpcEndpoint {

	private final EndpointOperations operations = new EndpointOperations();

	private final String transport;

	/**
	 * Create the adapter.
	 * @param transport its transport, e.g. {@code pipe}
	 */
	protected WinIpcMessageHandlerSupport(String transport) {
		this.transport = transport;
	}

	/**
	 * Return what the adapter keeps for operating it.
	 * @return its id, meters and last failure
	 */
	protected final EndpointOperations getOperations() {
		return this.operations;
	}

	/**
	 * Return {@code false}: the consumer endpoint that feeds this adapter starts it.
	 * @return {@code false}
	 */
	@Override
	public boolean isAutoStartup() {
		return false;
	}

	@Override
	public String getEndpointId() {
		return this.operations.endpointId(getComponentName(), getComponentType(), getBeanFactory());
	}

	@Override
	public void setEndpointId(String endpointId) {
		this.operations.setEndpointId(endpointId);
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor captor) {
		super.registerMetricsCaptor(captor);
		this.operations.setMetricsCaptor(captor);
		registerMeters();
	}

	/**
	 * Register the adapter's meters under its id as it stands; a subclass calls it when
	 * it starts.
	 */
	protected final void registerMeters() {
		EndpointMetrics.Builder meters = EndpointMetrics.builder(getEndpointId(), this.transport, "outbound");
		this.operations.registerMetrics(meters(meters.sends()));
	}

	/**
	 * Add what this adapter measures besides the messages it sends.
	 * @param meters the meters so far
	 * @return the meters
	 */
	protected EndpointMetrics.Builder meters(EndpointMetrics.Builder meters) {
		return meters;
	}

	@Override
	public void destroy() {
		this.operations.removeMetrics();
		super.destroy();
	}

}
