package dev.winipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.log.LogAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.ConsumerEndpointFactoryBean;
import org.springframework.integration.context.IntegrationContextUtils;

/**
 * Where the endpoint kinds register their beans, with what every kind needs: the
 * settings that apply to all endpoints, consumer endpoints for outbound handlers, and the
 * channels endpoints name.
 *
 * @since 0.1.0
 */
final class EndpointRegistry {

	private static final LogAccessor logger = new LogAccessor(EndpointRegistry.class);

	/** Suffix added to an outbound endpoint's bean name to name its handler. */
	static final String HANDLER = ".handler";

	private final BeanDefinitionRegistry registry;

	private final WinIpcProperties properties;

	EndpointRegistry(BeanDefinitionRegistry registry, WinIpcProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	/**
	 * Return the settings of every endpoint.
	 * @return what was bound under {@code winipc}
	 */
	WinIpcProperties properties() {
		return this.properties;
	}

	/**
	 * Register a bean.
	 * @param name its name
	 * @param definition its definition
	 */
	void register(String name, BeanDefinition definition) {
		this.registry.registerBeanDefinition(name, definition);
	}

	/**
	 * Give a bean another name.
	 * @param name the bean's name
	 * @param alias the other name
	 */
	void alias(String name, String alias) {
		this.registry.registerAlias(name, alias);
	}

	/**
	 * Return the id that names an entry's endpoint in health and metrics.
	 * @param kind the kind's key, e.g. {@code pipes}
	 * @param id the entry's id, e.g. {@code orders}
	 * @return e.g. {@code winipc.pipes.orders}
	 */
	static String endpointId(String kind, String id) {
		return WinIpcProperties.PREFIX + "." + kind + "." + id;
	}

	/**
	 * Register an inbound adapter or gateway with what every entry sets on it: its id,
	 * {@code auto-startup}, {@code phase} and {@code error-channel}.
	 * @param name the bean's name
	 * @param endpoint the adapter's definition
	 * @param endpointId its id, see {@link #endpointId}
	 * @param entry its entry
	 */
	void registerInbound(String name, BeanDefinitionBuilder endpoint, String endpointId, EndpointProperties entry) {
		registerInbound(name, endpoint, endpointId, entry, null);
	}

	/**
	 * Register an inbound adapter or gateway as {@link #registerInbound(String,
	 * BeanDefinitionBuilder, String, EndpointProperties)} does, in a leadership role
	 * ({@code leader-role}) when it has one: it then joins Spring Integration's role of
	 * that name and does not start with the application; the role controller starts it
	 * when a leader initiator grants this application the role, and stops it when the
	 * role is revoked.
	 * @param name the bean's name
	 * @param endpoint the adapter's definition
	 * @param endpointId its id, see {@link #endpointId}
	 * @param entry its entry
	 * @param leaderRole its role, or {@code null}
	 */
	void registerInbound(String name, BeanDefinitionBuilder endpoint, String endpointId, EndpointProperties entry,
			@Nullable String leaderRole) {
		endpoint.addPropertyValue("endpointId", endpointId);
		if (leaderRole != null) {
			endpoint.addPropertyValue("role", leaderRole).addPropertyValue("autoStartup", false);
		}
		else {
			endpoint.addPropertyValue("autoStartup", entry.isAutoStartup());
		}
		if (entry.getPhase() != null) {
			endpoint.addPropertyValue("phase", entry.getPhase());
		}
		if (entry.getErrorChannel() != null) {
			endpoint.addPropertyValue("errorChannelName", entry.getErrorChannel());
		}
		register(name, endpoint.getBeanDefinition());
	}

	/**
	 * Register an outbound handler and the consumer endpoint that feeds it from its
	 * channel: {@code endpoint} is the consumer, {@code endpoint.handler} the handler.
	 * The consumer starts and stops the handler, with the entry's {@code auto-startup}
	 * and {@code phase}.
	 * @param endpoint the consumer endpoint's bean name
	 * @param inputChannel the channel it consumes
	 * @param handler the handler's definition
	 * @param endpointId the handler's id, see {@link #endpointId}
	 * @param entry its entry
	 */
	void registerConsumer(String endpoint, String inputChannel, BeanDefinitionBuilder handler, String endpointId,
			EndpointProperties entry) {
		String handlerName = endpoint + HANDLER;
		register(handlerName, handler.addPropertyValue("endpointId", endpointId).getBeanDefinition());
		BeanDefinitionBuilder consumer = BeanDefinitionBuilder.genericBeanDefinition(ConsumerEndpointFactoryBean.class)
			.addPropertyReference("handler", handlerName)
			.addPropertyValue("inputChannelName", inputChannel)
			.addPropertyValue("autoStartup", entry.isAutoStartup());
		if (entry.getPhase() != null) {
			consumer.addPropertyValue("phase", entry.getPhase());
		}
		register(endpoint, consumer.getBeanDefinition());
	}

	/**
	 * Return whether a channel is defined: a bean, an alias, or one of Spring
	 * Integration's own.
	 * @param channel the channel's name
	 * @return {@code true} if nothing needs to be created
	 */
	boolean hasChannel(String channel) {
		return this.registry.containsBeanDefinition(channel) || this.registry.isAlias(channel)
				|| (this.registry instanceof SingletonBeanRegistry singletons && singletons.containsSingleton(channel))
				|| IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME.equals(channel)
				|| IntegrationContextUtils.NULL_CHANNEL_BEAN_NAME.equals(channel);
	}

	/**
	 * Create a missing channel as a {@link DirectChannel}.
	 * @param channel the channel's name
	 */
	void createChannel(String channel) {
		if (!hasChannel(channel)) {
			register(channel, BeanDefinitionBuilder.genericBeanDefinition(DirectChannel.class).getBeanDefinition());
			logger.debug(() -> "Created channel '" + channel + "' as a DirectChannel for a winipc endpoint");
		}
	}

}
