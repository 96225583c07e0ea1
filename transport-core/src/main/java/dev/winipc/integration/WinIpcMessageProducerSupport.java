package dev.winipc.integration;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;

/**
 * What winipc's inbound channel adapters share on top of Spring Integration's
 * {@link MessageProducerSupport}: an {@link #getEndpointId() id} for health and metrics,
 * meters registered when Spring Integration hands the adapter a metrics captor, and
 * errors of the flow sent to the adapter's error channel or, when none is set, to Spring
 * Integration's {@code errorChannel}, as {@link WinIpcErrorMessageStrategy} builds them.
 *
 * @since 0.1.0
 */
public abstract class WinIpcMessageProducerSupport extends MessageProducerSupport implements WinIpcEndpoint {

	private final EndpointOperations operations;

	private final String transport;

	/**
	 * Create the adapter.
	 * @param transport its transport, e.g. {@code pipe}
	 */
	@SuppressWarnings("this-escape")
	protected WinIpcMessageProducerSupport(String transport) {
		this.transport = transport;
		this.operations = new EndpointOperations();
		setErrorMessageStrategy(new WinIpcErrorMessageStrategy(this));
	}

	/**
	 * Return what the adapter keeps for operating it.
	 * @return its id, meters and last failure
	 */
	protected final EndpointOperations getOperations() {
		return this.operations;
	}

	@Override
	public String getEndpointId() {
		return this.operations.endpointId(getComponentName(), getComponentType(), getBeanFactory());
	}

	@Override
	public void setEndpointId(String endpointId) {
		this.operations.setEndpointId(endpointId);
	}

	/**
	 * Return the error channel set, or else Spring Integration's {@code errorChannel}.
	 * @return the channel a failed flow's error goes to, or {@code null} outside an
	 * integration context
	 */
	@Override
	public @Nullable MessageChannel getErrorChannel() {
		MessageChannel channel = super.getErrorChannel();
		return (channel != null) ? channel : this.operations.defaultErrorChannel(getBeanFactory());
	}

	/**
	 * Report that the adapter stopped receiving on an error of the OS: counted as a failed
	 * receive, kept as its last error (health shows it), and sent to the error channel,
	 * or logged where there is none.
	 * @param text what stopped, naming the object, e.g. {@code Stopped waiting on event
	 * Local\written: ...}
	 * @param ex the error
	 */
	protected final void reportStopped(String text, Exception ex) {
		this.operations.metrics().receiveFailed();
		this.operations.failed(ex);
		MessageChannel errors = getErrorChannel();
		if (errors != null) {
			errors.send(buildErrorMessage(null, new MessagingException(text, ex)));
		}
		else {
			this.logger.error(ex, text);
		}
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor captor) {
		super.registerMetricsCaptor(captor);
		this.operations.setMetricsCaptor(captor);
		registerMeters();
	}

	private void registerMeters() {
		this.operations.registerMetrics(
				meters(EndpointMetrics.builder(getEndpointId(), this.transport, "inbound").receives()));
	}

	/**
	 * Add what this adapter measures besides the messages it reads.
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
