package dev.winipc.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.winipc.integration.pipe.PipeConnectionFactory;

/**
 * Auto-configuration of winipc: each {@code winipc.pipes.<id>} entry (see
 * {@link WinIpcProperties}) becomes a named-pipe endpoint bound to its channel by name.
 * An invalid entry fails start-up with a message naming the property and the values it
 * accepts. For a pipe with id {@code orders} the beans are:
 * <ul>
 * <li>{@code orders.pipeConnectionFactory}: its {@link PipeConnectionFactory};</li>
 * <li>{@code orders.pipeInboundChannelAdapter} ({@code inbound}) or
 * {@code orders.pipeInboundGateway} ({@code inbound-gateway});</li>
 * <li>{@code orders.pipeOutboundChannelAdapter} ({@code outbound}) or
 * {@code orders.pipeOutboundGateway} ({@code outbound-gateway}): the consumer endpoint
 * subscribed to the channel; its message handler is the bean of the same name with a
 * {@code .handler} suffix, e.g. {@code orders.pipeOutboundGateway.handler};</li>
 * <li>a {@code DirectChannel} named after every {@code channel} and
 * {@code reply-channel} that no bean of the application defines.</li>
 * </ul>
 * An outbound gateway without a {@code reply-channel} sends each reply to the request's
 * {@code replyChannel} header, as a {@code @MessagingGateway} or
 * {@code MessagingTemplate.sendAndReceive} sets it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IntegrationAutoConfiguration.class)
@ConditionalOnClass(PipeConnectionFactory.class)
@EnableConfigurationProperties(WinIpcProperties.class)
public final class WinIpcAutoConfiguration {

	@Bean
	static PipeEndpointRegistrar winIpcPipeEndpointRegistrar(Environment environment) {
		return new PipeEndpointRegistrar(environment);
	}

}
