package dev.winipc.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.log.LogAccessor;
import org.springframework.util.StringUtils;

import dev.winipc.autoconfigure.ConfigurationErrors.EndpointErrors;
import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeFraming;
import dev.winipc.integration.pipe.PipeInboundChannelAdapter;
import dev.winipc.integration.pipe.PipeInboundGateway;
import dev.winipc.integration.pipe.PipeOutboundChannelAdapter;
import dev.winipc.integration.pipe.PipeOutboundGateway;
import dev.winipc.integration.pipe.PipeRole;
import dev.winipc.transport.EndpointName;

/**
 * The {@code winipc.pipes.<id>} entries. Server-role entries on one pipe name share one
 * {@link PipeConnectionFactory} (the bean of the first, aliased for the others): at most
 * one of them receives (inbound, inbound-gateway or outbound-gateway), the others are
 * outbound adapters answering its clients, and every setting of the pipe itself must
 * agree among them.
 *
 * @since 0.1.0
 */
final class PipeEndpoints extends EndpointKind<PipeProperties> {

	private static final LogAccessor logger = new LogAccessor(PipeEndpoints.class);

	/** The kind's key under {@code winipc}. */
	static final String KEY = "pipes";

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

	/** The settings of the pipe itself, which endpoints sharing a pipe must agree on. */
	private static final Map<String, Function<PipeProperties, @Nullable Object>> PIPE_SETTINGS = pipeSettings();

	PipeEndpoints() {
		super(KEY);
	}

	@Override
	Map<String, PipeProperties> endpoints(WinIpcProperties properties) {
		return properties.getPipes();
	}

	@Override
	Map<String, String> channels(PipeProperties pipe) {
		Map<String, String> channels = new LinkedHashMap<>(super.channels(pipe));
		if (StringUtils.hasText(pipe.getReplyChannel())) {
			channels.put("reply-channel", pipe.getReplyChannel());
		}
		return channels;
	}

	@Override
	void validate(Map<String, PipeProperties> pipes, ConfigurationErrors errors) {
		Map<EndpointName, String> firstServerOf = new LinkedHashMap<>();
		SingleReader listeners = new SingleReader(KEY, "pipe", "its receiving endpoint",
				"one served pipe has one inbound endpoint or outbound gateway, and any number of outbound adapters");
		pipes.forEach((id, pipe) -> {
			EndpointErrors endpoint = errors.endpoint(KEY, id);
			@Nullable EndpointName name = validate(pipe, endpoint);
			if (name == null || pipe.getDirection() == null || pipe.effectiveRole() != PipeRole.SERVER) {
				return;
			}
			@Nullable String first = firstServerOf.putIfAbsent(name, id);
			if (first != null) {
				agree(pipes.get(first), first, pipe, endpoint);
			}
			if (isListener(pipe)) {
				listeners.claim(name, id, PropertyKeys.propertyValue(pipe.getDirection()), endpoint);
			}
		});
	}

	/** Check one entry; return its pipe name, or {@code null} if that is invalid. */
	private static @Nullable EndpointName validate(PipeProperties pipe, EndpointErrors errors) {
		@Nullable EndpointName name = null;
		if (!StringUtils.hasText(pipe.getName())) {
			errors.reject("name", pipe.getName(), "a pipe name is required, e.g. 'orders' for \\\\.\\pipe\\orders");
		}
		else {
			try {
				name = EndpointName.pipe(pipe.getName());
			}
			catch (IllegalArgumentException ex) {
				errors.reject("name", pipe.getName(), String.valueOf(ex.getMessage()));
			}
		}
		@Nullable PipeDirection direction = pipe.getDirection();
		if (direction == null) {
			errors.reject("direction", null,
					"a direction is required; accepted values: " + PropertyKeys.acceptedValues(PipeDirection.class));
		}
		else {
			if (pipe.getReplyChannel() != null && !direction.isGateway()) {
				errors.reject("reply-channel", pipe.getReplyChannel(), "a " + PropertyKeys.propertyValue(direction)
						+ " adapter has no replies; reply-channel applies to direction inbound-gateway or "
						+ "outbound-gateway");
			}
			validateEndpoint(pipe, direction.isInbound(), direction, errors);
			if (direction.isGateway() && pipe.getFraming() == PipeFraming.RAW) {
				errors.reject("framing", "raw", "raw framing carries one message per connection and cannot carry a "
						+ "reply; accepted values for a gateway: " + gatewayFramings());
			}
		}
		if (pipe.getReplyTimeout().isNegative() || pipe.getReplyTimeout().isZero()) {
			errors.reject("reply-timeout", pipe.getReplyTimeout(), "must be positive");
		}
		if (name != null) {
			// The factory's setters check every transport setting: try them all.
			configure(pipe, new PipeConnectionFactory(name.name(), PipeRole.SERVER), errors);
		}
		return name;
	}

	private static void agree(PipeProperties first, String firstId, PipeProperties pipe, EndpointErrors errors) {
		PIPE_SETTINGS.forEach((key, setting) -> {
			@Nullable Object expected = setting.apply(first);
			@Nullable Object actual = setting.apply(pipe);
			if (!Objects.equals(expected, actual)) {
				errors.reject(key, actual, "differs from " + ConfigurationErrors.propertyName(KEY, firstId, key) + " ("
						+ expected + "), which serves the same pipe; endpoints sharing a served pipe share its settings");
			}
		});
	}

	private static boolean isListener(PipeProperties pipe) {
		return pipe.getDirection() != PipeDirection.OUTBOUND;
	}

	/**
	 * Copy an entry's settings onto a connection factory, whose setters check each; a
	 * value refused becomes an error of its property.
	 */
	static void configure(PipeProperties pipe, PipeConnectionFactory factory, EndpointErrors errors) {
		PropertyMapper map = PropertyMapper.get();
		map.from(pipe::getFraming).to(errors.guard("framing", factory::setFraming));
		map.from(pipe::getMaxMessageSize).to(errors.guard("max-message-size", (size) -> factory.setMaxMessageSize(toInt(size))));
		map.from(pipe::getMaxInstances).to(errors.guard("max-instances", factory::setMaxInstances));
		map.from(pipe::getBufferSize).to(errors.guard("buffer-size", (size) -> factory.setBufferSize(toInt(size))));
		map.from(pipe::getConnectTimeout).to(errors.guard("connect-timeout", factory::setConnectTimeout));
		map.from(pipe::getAccess).to(errors.guard("access", factory::setAccess));
		map.from(pipe::getBackOff).to(errors.guard("back-off", (backOff) -> factory.setBackOff(backOff.toPolicy())));
		factory.setMapper(mapper(pipe));
	}

	@Override
	void register(EndpointRegistry registry, Map<String, PipeProperties> pipes) {
		// A served pipe's factory is the bean of its first entry; its receiving entry, if
		// it has one, gives the payload type.
		Map<EndpointName, String> servedBy = new LinkedHashMap<>();
		Map<EndpointName, PipeProperties> definedBy = new LinkedHashMap<>();
		pipes.forEach((id, pipe) -> {
			if (pipe.effectiveRole() == PipeRole.SERVER) {
				EndpointName name = EndpointName.pipe(Objects.requireNonNull(pipe.getName()));
				servedBy.putIfAbsent(name, id + CONNECTION_FACTORY);
				if (isListener(pipe) || !definedBy.containsKey(name)) {
					definedBy.put(name, pipe);
				}
			}
		});
		servedBy.forEach((name, factory) -> registerConnectionFactory(registry, factory, definedBy.get(name)));
		pipes.forEach((id, pipe) -> {
			String factory = id + CONNECTION_FACTORY;
			if (pipe.effectiveRole() == PipeRole.SERVER) {
				String shared = servedBy.get(EndpointName.pipe(Objects.requireNonNull(pipe.getName())));
				if (!shared.equals(factory)) {
					registry.alias(shared, factory);
				}
			}
			else {
				registerConnectionFactory(registry, factory, pipe);
			}
			registerEndpoint(registry, id, pipe, factory);
		});
	}

	private static void registerConnectionFactory(EndpointRegistry registry, String beanName, PipeProperties pipe) {
		PipeRole role = Objects.requireNonNull(pipe.effectiveRole());
		String name = Objects.requireNonNull(pipe.getName());
		EndpointErrors unexpected = new ConfigurationErrors().endpoint(KEY, beanName);
		registry.register(beanName, BeanDefinitionBuilder.genericBeanDefinition(PipeConnectionFactory.class, () -> {
			PipeConnectionFactory factory = new PipeConnectionFactory(name, role);
			configure(pipe, factory, unexpected);
			factory.setShutdownTimeout(registry.properties().getShutdownTimeout());
			return factory;
		}).getBeanDefinition());
	}

	private static void registerEndpoint(EndpointRegistry registry, String id, PipeProperties pipe, String factory) {
		PipeDirection direction = Objects.requireNonNull(pipe.getDirection());
		String channel = Objects.requireNonNull(pipe.getChannel());
		String endpointId = EndpointRegistry.endpointId(KEY, id);
		long replyTimeout = pipe.getReplyTimeout().toMillis();
		switch (direction) {
			case INBOUND -> registry.registerInbound(id + INBOUND_CHANNEL_ADAPTER,
					BeanDefinitionBuilder.genericBeanDefinition(PipeInboundChannelAdapter.class)
						.addConstructorArgReference(factory)
						.addPropertyValue("outputChannelName", channel),
					endpointId, pipe);
			case INBOUND_GATEWAY -> {
				BeanDefinitionBuilder gateway = BeanDefinitionBuilder.genericBeanDefinition(PipeInboundGateway.class)
					.addConstructorArgReference(factory)
					.addPropertyValue("requestChannelName", channel)
					.addPropertyValue("replyTimeout", replyTimeout);
				if (pipe.getReplyChannel() != null) {
					gateway.addPropertyValue("replyChannelName", pipe.getReplyChannel());
				}
				registry.registerInbound(id + INBOUND_GATEWAY, gateway, endpointId, pipe);
			}
			case OUTBOUND -> registry.registerConsumer(id + OUTBOUND_CHANNEL_ADAPTER, channel,
					BeanDefinitionBuilder.genericBeanDefinition(PipeOutboundChannelAdapter.class)
						.addConstructorArgReference(factory),
					endpointId, pipe);
			case OUTBOUND_GATEWAY -> {
				BeanDefinitionBuilder gateway = BeanDefinitionBuilder.genericBeanDefinition(PipeOutboundGateway.class)
					.addConstructorArgReference(factory)
					.addPropertyValue("replyTimeout", replyTimeout);
				if (pipe.getReplyChannel() != null) {
					gateway.addPropertyValue("outputChannelName", pipe.getReplyChannel());
				}
				registry.registerConsumer(id + OUTBOUND_GATEWAY, channel, gateway, endpointId, pipe);
			}
		}
		logger.debug(() -> "Registered " + PropertyKeys.propertyValue(direction) + " pipe '" + pipe.getName() + "' ("
				+ PropertyKeys.propertyValue(Objects.requireNonNull(pipe.effectiveRole())) + ") on channel '" + channel
				+ "' as " + ConfigurationErrors.propertyName(KEY, id, "*"));
	}

	private static String gatewayFramings() {
		List<String> framings = new ArrayList<>();
		for (PipeFraming framing : PipeFraming.values()) {
			if (framing != PipeFraming.RAW) {
				framings.add(PropertyKeys.propertyValue(framing));
			}
		}
		return String.join(", ", framings);
	}

	private static Map<String, Function<PipeProperties, @Nullable Object>> pipeSettings() {
		Map<String, Function<PipeProperties, @Nullable Object>> settings = new LinkedHashMap<>();
		settings.put("framing", PipeProperties::getFraming);
		settings.put("max-message-size", PipeProperties::getMaxMessageSize);
		settings.put("max-instances", PipeProperties::getMaxInstances);
		settings.put("buffer-size", PipeProperties::getBufferSize);
		settings.put("access", PipeProperties::getAccess);
		settings.put("charset", PipeProperties::getCharset);
		settings.put("back-off.initial", (pipe) -> pipe.getBackOff().getInitial());
		settings.put("back-off.multiplier", (pipe) -> pipe.getBackOff().getMultiplier());
		settings.put("back-off.max", (pipe) -> pipe.getBackOff().getMax());
		return settings;
	}

}
