package dev.winipc.integration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.config.IntegrationConfigUtils;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.MessageChannel;

/**
 * What every winipc endpoint keeps for operating it: its id, its meters, the last
 * failure it met, and Spring Integration's {@code errorChannel}, where an inbound
 * endpoint sends a failed flow's error when no error channel of its own is set. Each
 * adapter and gateway holds one and delegates to it.
 *
 * @since 0.1.0
 */
public final class EndpointOperations {

	private volatile @Nullable String endpointId;

	private volatile EndpointMetrics metrics = EndpointMetrics.NONE;

	private volatile @Nullable MetricsCaptor metricsCaptor;

	private volatile @Nullable String metricsId;

	private volatile @Nullable String lastError;

	private volatile @Nullable MessageChannel defaultErrorChannel;

	/**
	 * Return the endpoint's id.
	 * @param componentName the endpoint's bean name, or {@code null} outside a context
	 * @param componentType its component type, for an endpoint that has neither
	 * @param beanFactory its bean factory, or {@code null} outside a context
	 * @return the id set; else for an outbound handler the id of the consumer endpoint
	 * that feeds it (the handler's {@code <id>.handler} alias, as a DSL flow registers
	 * it); else the bean name; else the component type
	 */
	public String endpointId(@Nullable String componentName, String componentType, @Nullable BeanFactory beanFactory) {
		String id = this.endpointId;
		if (id != null) {
			return id;
		}
		if (componentName == null) {
			return componentType;
		}
		if (beanFactory != null) {
			for (String alias : beanFactory.getAliases(componentName)) {
				if (alias.endsWith(IntegrationConfigUtils.HANDLER_ALIAS_SUFFIX)) {
					return alias.substring(0, alias.length() - IntegrationConfigUtils.HANDLER_ALIAS_SUFFIX.length());
				}
			}
		}
		return componentName;
	}

	/**
	 * @param endpointId the id that names the endpoint in health and metrics
	 */
	public void setEndpointId(String endpointId) {
		this.endpointId = endpointId;
	}

	/**
	 * Return the endpoint's meters.
	 * @return {@link EndpointMetrics#NONE} until {@link #registerMetrics} was called
	 */
	public EndpointMetrics metrics() {
		return this.metrics;
	}

	/**
	 * Keep what Spring Integration hands the endpoint to register its meters with.
	 * @param captor Spring Integration's metrics captor
	 */
	public void setMetricsCaptor(MetricsCaptor captor) {
		this.metricsCaptor = captor;
	}

	/**
	 * Register the endpoint's meters, once it has a metrics captor; again only when its
	 * id changed, replacing the meters registered before.
	 * @param meters what the endpoint measures, under its current id
	 */
	public void registerMetrics(EndpointMetrics.Builder meters) {
		MetricsCaptor captor = this.metricsCaptor;
		if (captor == null || meters.endpointId.equals(this.metricsId)) {
			return;
		}
		EndpointMetrics previous = this.metrics;
		this.metrics = meters.register(captor);
		this.metricsId = meters.endpointId;
		previous.remove();
	}

	/**
	 * Remove the endpoint's meters, once it is destroyed.
	 */
	public void removeMetrics() {
		EndpointMetrics previous = this.metrics;
		this.metrics = EndpointMetrics.NONE;
		this.metricsId = null;
		previous.remove();
	}

	/**
	 * Note a failure, for the endpoint's state.
	 * @param failure what went wrong; its message names the OS call and error
	 */
	public void failed(Throwable failure) {
		failed(String.valueOf(failure.getMessage()));
	}

	/**
	 * Note a problem, for the endpoint's state.
	 * @param problem what went wrong, naming the OS object
	 */
	public void failed(String problem) {
		this.lastError = problem;
	}

	/**
	 * Return the last failure noted.
	 * @return its message, or {@code null} if none
	 */
	public @Nullable String lastError() {
		return this.lastError;
	}

	/**
	 * Return Spring Integration's {@code errorChannel}, for an endpoint with no error
	 * channel of its own.
	 * @param beanFactory the endpoint's bean factory, or {@code null} outside a context
	 * @return the channel, or {@code null} if there is no such bean
	 */
	public @Nullable MessageChannel defaultErrorChannel(@Nullable BeanFactory beanFactory) {
		MessageChannel channel = this.defaultErrorChannel;
		if (channel == null && beanFactory != null
				&& beanFactory.containsBean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)) {
			channel = beanFactory.getBean(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME, MessageChannel.class);
			this.defaultErrorChannel = channel;
		}
		return channel;
	}

}
