package dev.winipc.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Binds {@code winipc.*} once, checks it whole, and registers every endpoint's beans
 * once the application's own bean definitions are known, so that a channel the
 * application defines is used rather than created. Every invalid property of a
 * start-up is reported together ({@link WinIpcConfigurationException}).
 *
 * @since 0.1.0
 */
class WinIpcEndpointRegistrar implements BeanDefinitionRegistryPostProcessor {

	/** The bean the bound {@link WinIpcProperties} are registered as. */
	static final String PROPERTIES_BEAN = WinIpcProperties.PREFIX + "-" + WinIpcProperties.class.getName();

	private static final String AUTO_CREATE_CHANNELS = "spring.integration.channel.auto-create";

	/** Every kind of endpoint: a transport adds its own here. */
	private static final List<EndpointKind<?>> KINDS = List.of(new PipeEndpoints(), new MailslotEndpoints(),
			new SharedMemoryEndpoints(), new EventEndpoints());

	private final Environment environment;

	WinIpcEndpointRegistrar(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(this.environment);
		ConfigurationErrors errors = new ConfigurationErrors();
		WinIpcProperties properties = binder
			.bind(WinIpcProperties.PREFIX, Bindable.of(WinIpcProperties.class), new WinIpcBindHandler(errors))
			.orElseGet(WinIpcProperties::new);
		if (properties.getShutdownTimeout().isNegative()) {
			errors.reject(WinIpcProperties.PREFIX + ".shutdown-timeout", properties.getShutdownTimeout(),
					"must not be negative");
		}
		if (properties.getLocks().isEnabled()) {
			LockRegistrySettings.registry(properties.getLocks(), errors);
		}
		EndpointRegistry endpoints = new EndpointRegistry(registry, properties);
		boolean createChannels = binder.bind(AUTO_CREATE_CHANNELS, Boolean.class).orElse(true);
		for (EndpointKind<?> kind : KINDS) {
			check(kind, properties, endpoints, createChannels, errors);
		}
		errors.throwIfAny();
		for (EndpointKind<?> kind : KINDS) {
			register(kind, properties, endpoints, createChannels);
		}
		registry.registerBeanDefinition(PROPERTIES_BEAN,
				BeanDefinitionBuilder.genericBeanDefinition(WinIpcProperties.class, () -> properties).getBeanDefinition());
	}

	private static <P extends EndpointProperties> void check(EndpointKind<P> kind, WinIpcProperties properties,
			EndpointRegistry endpoints, boolean createChannels, ConfigurationErrors errors) {
		Map<String, P> entries = kind.endpoints(properties);
		kind.validate(entries, errors);
		if (createChannels) {
			return;
		}
		entries.forEach((id, entry) -> kind.channels(entry).forEach((key, channel) -> {
			if (!endpoints.hasChannel(channel)) {
				errors.endpoint(kind.key(), id).reject(key, channel, "no channel named '" + channel
						+ "' is defined, and " + AUTO_CREATE_CHANNELS + " is false; define it as a bean");
			}
		}));
	}

	private static <P extends EndpointProperties> void register(EndpointKind<P> kind, WinIpcProperties properties,
			EndpointRegistry endpoints, boolean createChannels) {
		Map<String, P> entries = kind.endpoints(properties);
		kind.register(endpoints, entries);
		if (createChannels) {
			entries.values().forEach((entry) -> kind.channels(entry).values().forEach(endpoints::createChannel));
		}
	}

}
