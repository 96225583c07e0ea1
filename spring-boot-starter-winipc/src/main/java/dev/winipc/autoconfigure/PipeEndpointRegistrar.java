package dev.winipc.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.ConsumerEndpointFactoryBean;
import org.springframework.integration.context.IntegrationContextUtils;

import dev.winipc.autoconfigure.WinIpcProperties.Pipe;
import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeInboundChannelAdapter;
import dev.winipc.integration.pipe.PipeInboundGateway;
import dev.winipc.integration.pipe.PipeMessageMapper;
import dev.winipc.integration.pipe.PipeOutboundChannelAdapter;
import dev.winipc.integration.pipe.PipeOutboundGateway;

/**
 * Registers the beans of every {@code winipc.pipes.<id>} entry, named as
 * {@link WinIpcAutoConfiguration} documents, once the application's own bean
 * definitions are known, so that a channel the application defines is used rather than
 * created.
 *
 * @since 0.1.0
 */
class PipeEndpointRegistrar implements BeanDefinitionRegistryPostProcessor {

	private static final LogAccessor logger = new LogAccessor(PipeEndpointRegistrar.class);

	/** Suffix of the connection factory bean of a pipe. */
	static final String CONNECTION_FACTORY = ".pipeConnectionFactory";

	/** Suffix of the inbound channel adapter bean of a pipe. */
	static final String INBOUND_CHANNEL_ADAPTER = ".pipeInboundChannelAdapter";

	/** Suffix of the inbound gateway bean of a pipe. */
	static final String INBOUND_GATEWAY = ".pipeInboundGateway";

	/** Suffix of the outbound channel adapter's consumer endpoint bean. */
	static final String OUTBOUND_CHANNEL_ADAPTER = ".pipeOutboundChannelAdapter";

	/** Suffix of the outbound gateway's consumer endpoint bean. */
	static final String OUTBOUND_GATEWAY = ".pipeOutboundGateway";

	/** Suffix added to an outbound endpoint's bean name to name its handler. */
	static final String HANDLER = ".handler";

	private final Environment environment;

	PipeEndpointRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Map<String, Pipe> pipes = PipePropertiesBinder.bind(Binder.get(this.environment));
		Set<String> channels = new LinkedHashSet<>();
		pipes.forEach((id, pipe) -> {
			registerEndpoint(registry, id, pipe);
			channels.add(pipe.getChannel());
			if (pipe.getReplyChannel() != null) {
				channels.add(pipe.getReplyChannel());
			}
		});
		channels.forEach((channel) -> registerChannelIfMissing(registry, channel));
	}

	private void registerEndpoint(BeanDefinitionRegistry registry, String id, Pipe pipe) {
		String connectionFactory = id + CONNECTION_FACTORY;
		registry.registerBeanDefinition(connectionFactory, connectionFactory(pipe));
		long replyTimeout = pipe.getReplyTimeout().toMillis();
		switch (pipe.getDirection()) {
			case INBOUND -> registry.registerBeanDefinition(id + INBOUND_CHANNEL_ADAPTER,
					BeanDefinitionBuilder.genericBeanDefinition(PipeInboundChannelAdapter.class)
						.addConstructorArgReference(connectionFactory)
						.addPropertyValue("outputChannelName", pipe.getChannel())
						.getBeanDefinition());
			case INBOUND_GATEWAY -> {
				BeanDefinitionBuilder gateway = BeanDefinitionBuilder.genericBeanDefinition(PipeInboundGateway.class)
					.addConstructorArgReference(connectionFactory)
					.addPropertyValue("requestChannelName", pipe.getChannel())
					.addPropertyValue("replyTimeout", replyTimeout);
				if (pipe.getReplyChannel() != null) {
					gateway.addPropertyValue("replyChannelName", pipe.getReplyChannel());
				}
				registry.registerBeanDefinition(id + INBOUND_GATEWAY, gateway.getBeanDefinition());
			}
			case OUTBOUND -> registerConsumer(registry, id + OUTBOUND_CHANNEL_ADAPTER, pipe.getChannel(),
					BeanDefinitionBuilder.genericBeanDefinition(PipeOutboundChannelAdapter.class)
						.addConstructorArgReference(connectionFactory)
						.getBeanDefinition());
			case OUTBOUND_GATEWAY -> {
				BeanDefinitionBuilder gateway = BeanDefinitionBuilder.genericBeanDefinition(PipeOutboundGateway.class)
					.addConstructorArgReference(connectionFactory)
					.addPropertyValue("replyTimeout", replyTimeout);
				if (pipe.getReplyChannel() != null) {
					gateway.addPropertyValue("outputChannelName", pipe.getReplyChannel());
				}
				registerConsumer(registry, id + OUTBOUND_GATEWAY, pipe.getChannel(), gateway.getBeanDefinition());
			}
		}
		logger.debug(() -> "Registered " + PipePropertiesBinder.propertyValue(pipe.getDirection()) + " pipe '"
				+ pipe.getName() + "' (" + PipePropertiesBinder.propertyValue(pipe.effectiveRole()) + ") on channel '"
				+ pipe.getChannel() + "' as " + PipePropertiesBinder.PREFIX + "." + id);
	}

	// Plain constructor arguments and property values, no instance supplier: the
	// definitions stay usable by ahead-of-time processing.
	private static AbstractBeanDefinition connectionFactory(Pipe pipe) {
		AbstractBeanDefinition mapper = BeanDefinitionBuilder.genericBeanDefinition(PipeMessageMapper.class)
			.addPropertyValue("payloadType", pipe.getPayloadType())
			.addPropertyValue("charset", pipe.getCharset())
			.getBeanDefinition();
		return BeanDefinitionBuilder.genericBeanDefinition(PipeConnectionFactory.class)
			.addConstructorArgValue(pipe.getName())
			.addConstructorArgValue(pipe.effectiveRole())
			.addPropertyValue("framing", pipe.getFraming())
			.addPropertyValue("maxMessageSize", (int) pipe.getMaxMessageSize().toBytes())
			.addPropertyValue("maxInstances", pipe.getMaxInstances())
			.addPropertyValue("connectTimeout", pipe.getConnectTimeout())
			.addPropertyValue("access", pipe.getAccess().trim())
			.addPropertyValue("mapper", mapper)
			.getBeanDefinition();
	}

	private void registerConsumer(BeanDefinitionRegistry registry, String endpoint, String inputChannel,
			AbstractBeanDefinition handler) {
		String handlerName = endpoint + HANDLER;
		registry.registerBeanDefinition(handlerName, handler);
		registry.registerBeanDefinition(endpoint, BeanDefinitionBuilder
			.genericBeanDefinition(ConsumerEndpointFactoryBean.class)
			.addPropertyReference("handler", handlerName)
			.addPropertyValue("inputChannelName", inputChannel)
			.getBeanDefinition());
	}

	private void registerChannelIfMissing(BeanDefinitionRegistry registry, String channel) {
		if (registry.containsBeanDefinition(channel) || registry.isAlias(channel)
				|| (registry instanceof SingletonBeanRegistry singletons && singletons.containsSingleton(channel))
				|| IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME.equals(channel)
				|| IntegrationContextUtils.NULL_CHANNEL_BEAN_NAME.equals(channel)) {
			return;
		}
		registry.registerBeanDefinition(channel, BeanDefinitionBuilder.genericBeanDefinition(DirectChannel.class)
			.getBeanDefinition());
		logger.debug(() -> "Created channel '" + channel + "' as a DirectChannel for winipc.pipes");
	}

}
