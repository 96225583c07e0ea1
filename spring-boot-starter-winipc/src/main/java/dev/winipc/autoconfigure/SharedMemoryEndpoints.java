package dev.winipc.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.log.LogAccessor;
import org.springframework.util.StringUtils;

import dev.winipc.autoconfigure.ConfigurationErrors.EndpointErrors;
import dev.winipc.integration.shm.SharedMemoryInboundChannelAdapter;
import dev.winipc.integration.shm.SharedMemoryOutboundChannelAdapter;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.InvalidOptionException;

/**
 * The {@code winipc.shared-memory.<id>} entries: each is a ring reader or writer, or a
 * region poller or writer, on its own mapping of the segment. A ring has one reader: two
 * inbound entries on one ring are an error.
 *
 * @since 0.1.0
 */
final class SharedMemoryEndpoints extends EndpointKind<SharedMemoryProperties> {

	private static final LogAccessor logger = new LogAccessor(SharedMemoryEndpoints.class);

	/** The kind's key under {@code winipc}. */
	static final String KEY = "shared-memory";

	/** Suffix of the inbound channel adapter bean. */
	static final String INBOUND_CHANNEL_ADAPTER = ".sharedMemoryInboundChannelAdapter";

	/** Suffix of the outbound channel adapter's consumer endpoint bean. */
	static final String OUTBOUND_CHANNEL_ADAPTER = ".sharedMemoryOutboundChannelAdapter";

	SharedMemoryEndpoints() {
		super(KEY);
	}

	@Override
	Map<String, SharedMemoryProperties> endpoints(WinIpcProperties properties) {
		return properties.getSharedMemory();
	}

	@Override
	void validate(Map<String, SharedMemoryProperties> endpoints, ConfigurationErrors errors) {
		SingleReader readers = new SingleReader(KEY, "ring", "its reader",
				"a ring has one reader and any number of writers");
		endpoints.forEach((id, endpoint) -> {
			EndpointErrors invalid = errors.endpoint(KEY, id);
			@Nullable EndpointName name = validate(endpoint, invalid);
			if (name != null && endpoint.getDirection() == SharedMemoryDirection.INBOUND
					&& endpoint.getLayout() == SharedMemoryLayout.RING) {
				readers.claim(name, id, "inbound", invalid);
			}
		});
	}

	/** Check one entry; return its segment name, or {@code null} if that is invalid. */
	private static @Nullable EndpointName validate(SharedMemoryProperties endpoint, EndpointErrors errors) {
		@Nullable EndpointName name = null;
		if (!StringUtils.hasText(endpoint.getName())) {
			errors.reject("name", endpoint.getName(), "a segment name is required, e.g. 'Local\\HelloWorld' or 'ticks'");
		}
		else {
			try {
				name = EndpointName.sharedMemory(endpoint.getName());
			}
			catch (IllegalArgumentException ex) {
				errors.reject("name", endpoint.getName(), String.valueOf(ex.getMessage()));
			}
		}
		@Nullable SharedMemoryDirection direction = endpoint.getDirection();
		if (direction == null) {
			errors.reject("direction", null, "a direction is required; accepted values: "
					+ PropertyKeys.acceptedValues(SharedMemoryDirection.class));
		}
		else {
			validateEndpoint(endpoint, direction == SharedMemoryDirection.INBOUND, direction, errors);
		}
		if (direction == SharedMemoryDirection.OUTBOUND && !endpoint.isGenerateIdAndTimestamp()) {
			errors.reject("generate-id-and-timestamp", false, "applies to direction inbound");
		}
		validateLeaderRole(endpoint.getLeaderRole(), direction == SharedMemoryDirection.OUTBOUND, errors);
		if (name != null) {
			// The builder checks every value, and build() the values against the layout.
			options(endpoint, errors);
		}
		return name;
	}

	/**
	 * Copy an entry's settings onto the options builder, whose setters check each; a
	 * value refused becomes an error of its property.
	 * @return the options, or {@code null} if a value was refused
	 */
	static @Nullable SharedMemoryOptions options(SharedMemoryProperties endpoint, EndpointErrors errors) {
		SharedMemoryOptions.Builder options = SharedMemoryOptions.builder(Objects.requireNonNull(endpoint.getName()));
		PropertyMapper map = PropertyMapper.get();
		map.from(endpoint::getLayout).to(errors.guard("layout", options::layout));
		map.from(endpoint::getCapacity).to(errors.guard("capacity", (capacity) -> options.capacity(capacity.toBytes())));
		map.from(endpoint::getSize).to(errors.guard("size", (size) -> options.size(size.toBytes())));
		map.from(endpoint::isCreate).to(errors.guard("create", options::create));
		map.from(endpoint::getIdleStrategy).to(errors.guard("idle-strategy", options::idleStrategy));
		map.from(endpoint::getPollInterval).to(errors.guard("poll-interval", options::pollInterval));
		map.from(endpoint::getEncoding).to(errors.guard("encoding", options::encoding));
		map.from(endpoint::getSendTimeout).to(errors.guard("send-timeout", options::sendTimeout));
		map.from(endpoint::isRemoveOnClose).to(errors.guard("remove-on-close", options::removeOnClose));
		map.from(endpoint::getAccess).to(errors.guard("access", options::access));
		map.from(endpoint::getSignalEvent).to(errors.guard("signal-event", options::signalEvent));
		try {
			return options.build();
		}
		catch (InvalidOptionException ex) {
			errors.reject(DataObjectPropertyName.toDashedForm(ex.getOption()), ex.getValue(), ex.getRequirement());
			return null;
		}
	}

	@Override
	void register(EndpointRegistry registry, Map<String, SharedMemoryProperties> endpoints) {
		endpoints.forEach((id, endpoint) -> {
			SharedMemoryDirection direction = Objects.requireNonNull(endpoint.getDirection());
			String channel = Objects.requireNonNull(endpoint.getChannel());
			EndpointErrors unexpected = new ConfigurationErrors().endpoint(KEY, id);
			String endpointId = EndpointRegistry.endpointId(KEY, id);
			if (direction == SharedMemoryDirection.INBOUND) {
				BeanDefinitionBuilder inbound = BeanDefinitionBuilder
					.genericBeanDefinition(SharedMemoryInboundChannelAdapter.class, () -> {
						SharedMemoryInboundChannelAdapter adapter = new SharedMemoryInboundChannelAdapter(
								Objects.requireNonNull(options(endpoint, unexpected)));
						adapter.setMapper(mapper(endpoint));
						adapter.setGenerateIdAndTimestamp(endpoint.isGenerateIdAndTimestamp());
						adapter.setShutdownTimeout(registry.properties().getShutdownTimeout());
						return adapter;
					})
					.addPropertyValue("outputChannelName", channel);
				registry.registerInbound(id + INBOUND_CHANNEL_ADAPTER, inbound, endpointId, endpoint, endpoint.getLeaderRole());
			}
			else {
				registry.registerConsumer(id + OUTBOUND_CHANNEL_ADAPTER, channel,
						BeanDefinitionBuilder.genericBeanDefinition(SharedMemoryOutboundChannelAdapter.class, () -> {
							SharedMemoryOutboundChannelAdapter adapter = new SharedMemoryOutboundChannelAdapter(
									Objects.requireNonNull(options(endpoint, unexpected)));
							adapter.setMapper(mapper(endpoint));
							return adapter;
						}), endpointId, endpoint);
			}
			logger.debug(() -> "Registered " + PropertyKeys.propertyValue(direction) + " shared memory '"
					+ endpoint.getName() + "' (" + PropertyKeys.propertyValue(endpoint.getLayout()) + ") on channel '"
					+ channel + "' as " + ConfigurationErrors.propertyName(KEY, id, "*"));
		});
	}

}
