package dev.winipc.autoconfigure;

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
	 * Register an outbound handler and the consumer endpoint that feeds it from its
	 * channel: {@code endpoint} is the consumer, {@code endpoint.handler} the handler.
	 * @param endpoint the consumer endpoint's bean name
	 * @param inputChannel the channel it consumes
	 * @param handler the handler's definition
	 */
	void registerConsumer(String endpoint, String inputChannel, BeanDefinition handler) {
		String handlerName = endpoint + HANDLER;
		register(handlerName, handler);
		register(endpoint, BeanDefinitionBuilder.genericBeanDefinition(ConsumerEndpointFactoryBean.class)
			.addPropertyReference("handler", handlerName)
			.addPropertyValue("inputChannelName", inputChannel)
			.getBeanDefinition());
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
