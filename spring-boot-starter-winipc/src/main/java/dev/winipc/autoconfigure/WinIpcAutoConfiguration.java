package dev.winipc.autoconfigure;

import java.util.Objects;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.support.locks.LockRegistry;

import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.sync.MutexLockRegistry;

/**
 * Auto-configuration of winipc: each {@code winipc.pipes.<id>} entry (see
 * {@link WinIpcProperties} and {@link PipeProperties}) becomes a named-pipe endpoint
 * bound to its channel by name. Every invalid property of a start-up is reported
 * together, each naming the property and the values it accepts. For a pipe with id
 * {@code orders} the beans are:
 * <ul>
 * <li>{@code orders.pipeConnectionFactory}: its {@link PipeConnectionFactory}; entries
 * serving the same pipe share the first one's, under each one's name;</li>
 * <li>{@code orders.pipeInboundChannelAdapter} ({@code inbound}) or
 * {@code orders.pipeInboundGateway} ({@code inbound-gateway});</li>
 * <li>{@code orders.pipeOutboundChannelAdapter} ({@code outbound}) or
 * {@code orders.pipeOutboundGateway} ({@code outbound-gateway}): the consumer endpoint
 * subscribed to the channel; its message handler is the bean of the same name with a
 * {@code .handler} suffix, e.g. {@code orders.pipeOutboundGateway.handler};</li>
 * <li>for a {@code winipc.mailslots} entry with id {@code hello}: {@code hello.mailslotSettings},
 * and {@code hello.mailslotInboundChannelAdapter} ({@code inbound}) or
 * {@code hello.mailslotOutboundChannelAdapter} ({@code outbound}, with its
 * {@code .handler});</li>
 * <li>a {@code DirectChannel} named after every {@code channel} and
 * {@code reply-channel} that no bean of the application defines, unless
 * {@code spring.integration.channel.auto-create} is {@code false}.</li>
 * </ul>
 * Each {@code winipc.shared-memory.<id>} entry ({@link SharedMemoryProperties}) becomes
 * {@code <id>.sharedMemoryInboundChannelAdapter} ({@code inbound}) or the consumer
 * endpoint {@code <id>.sharedMemoryOutboundChannelAdapter} ({@code outbound}, its handler
 * {@code <id>.sharedMemoryOutboundChannelAdapter.handler}).
 * Each {@code winipc.events.<id>} entry ({@link EventProperties}) becomes
 * {@code <id>.eventInboundChannelAdapter} or the consumer endpoint
 * {@code <id>.eventOutboundChannelAdapter}. Unless {@code winipc.locks.enabled} is false
 * or the application defines a {@code LockRegistry}, {@code winIpcLockRegistry} is a
 * {@link MutexLockRegistry} over named mutexes ({@link LockProperties}), for
 * {@code LockRegistryLeaderInitiator} and {@code LockRequestHandlerAdvice}; an inbound
 * endpoint with a {@code leader-role} runs only while this application leads that role.
 * An outbound gateway without a {@code reply-channel} sends each reply to the request's
 * {@code replyChannel} header, as a {@code @MessagingGateway} or
 * {@code MessagingTemplate.sendAndReceive} sets it. While any endpoint runs the JVM
 * stays up; a SIGTERM stops it gracefully with exit status 0.
 * <p>
 * Every entry's endpoint is named {@code winipc.<kind>.<id>} (e.g.
 * {@code winipc.pipes.orders}) in Actuator's health
 * ({@code WinIpcHealthContributorAutoConfiguration}) and in its Micrometer meters, which
 * it registers when the application has a {@code MeterRegistry}; each takes
 * {@code error-channel}, {@code auto-startup} and {@code phase}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = IntegrationAutoConfiguration.class)
@ConditionalOnClass(PipeConnectionFactory.class)
public final class WinIpcAutoConfiguration {

	@Bean
	static WinIpcEndpointRegistrar winIpcEndpointRegistrar(Environment environment) {
		return new WinIpcEndpointRegistrar(environment);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "winipc.graceful-sigterm", matchIfMissing = true)
	static GracefulSigterm winIpcGracefulSigterm() {
		return new GracefulSigterm();
	}

	/**
	 * The {@code LockRegistry} over named mutexes, {@code winipc.locks.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = LockRegistrySettings.PREFIX + ".enabled", matchIfMissing = true)
	static class LockRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean(LockRegistry.class)
		MutexLockRegistry winIpcLockRegistry(WinIpcProperties properties) {
			// Checked with every other winipc property at start-up: valid here.
			return Objects.requireNonNull(LockRegistrySettings.registry(properties.getLocks(), new ConfigurationErrors()));
		}

	}

}
