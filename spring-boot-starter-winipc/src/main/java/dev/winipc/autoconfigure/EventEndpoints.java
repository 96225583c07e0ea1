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
import dev.winipc.integration.sync.EventAction;
import dev.winipc.integration.sync.EventInboundChannelAdapter;
import dev.winipc.integration.sync.EventOutboundChannelAdapter;
import dev.winipc.transport.InvalidOptionException;
import dev.winipc.transport.SyncOptions;

/**
 * The {@code winipc.events.<id>} entries: each waits on a named event, or sets it per
 * message. An auto-reset event wakes one waiter per set: two inbound entries on one are
 * an error.
 *
 * @since 0.1.0
 */
final class EventEndpoints extends EndpointKind<EventProperties> {

	private static final LogAccessor logger = new LogAccessor(EventEndpoints.class);

	/** The kind's key under {@code winipc}. */
	static final String KEY = "events";

	/** Suffix of the inbound channel adapter bean. */
	static final String INBOUND_CHANNEL_ADAPTER = ".eventInboundChannelAdapter";

	/** Suffix of the outbound channel adapter's consumer endpoint bean. */
	static final String OUTBOUND_CHANNEL_ADAPTER = ".eventOutboundChannelAdapter";

	EventEndpoints() {
		super(KEY);
	}

	@Override
	Map<String, EventProperties> endpoints(WinIpcProperties properties) {
		return properties.getEvents();
	}

	@Override
	void validate(Map<String, EventProperties> endpoints, ConfigurationErrors errors) {
		SingleReader waiters = new SingleReader(KEY, "auto-reset event", "its waiter",
				"an auto-reset event wakes one waiter per set, so a second would take signals from it");
		endpoints.forEach((id, endpoint) -> {
			EndpointErrors invalid = errors.endpoint(KEY, id);
			@Nullable SyncOptions options = validate(endpoint, invalid);
			if (options != null && endpoint.getDirection() == EventDirection.INBOUND && !options.manualReset()) {
				waiters.claim(options.name(), id, "inbound", invalid);
			}
		});
	}

	/** Check one entry; return its event's settings, or {@code null} if they are invalid. */
	private static @Nullable SyncOptions validate(EventProperties endpoint, EndpointErrors errors) {
		@Nullable EventDirection direction = endpoint.getDirection();
		if (direction == null) {
			errors.reject("direction", null, "a direction is required; accepted values: "
					+ PropertyKeys.acceptedValues(EventDirection.class));
		}
		else {
			validateEndpoint(endpoint, direction == EventDirection.INBOUND, direction, errors);
			if (direction == EventDirection.INBOUND && endpoint.getAction() != EventAction.SET) {
				errors.reject("action", PropertyKeys.propertyValue(endpoint.getAction()), "applies to direction outbound");
			}
		}
		validateLeaderRole(endpoint.getLeaderRole(), direction == EventDirection.OUTBOUND, errors);
		if (!StringUtils.hasText(endpoint.getName())) {
			errors.reject("name", endpoint.getName(), "an event name is required, e.g. 'Local\\HelloWorldWritten'");
			return null;
		}
		return options(endpoint, errors);
	}

	/**
	 * Copy an entry's settings onto the options builder, whose setters check each; a
	 * value refused becomes an error of its property.
	 * @return the options, or {@code null} if a value was refused
	 */
	static @Nullable SyncOptions options(EventProperties endpoint, EndpointErrors errors) {
		SyncOptions.Builder options;
		try {
			options = SyncOptions.event(Objects.requireNonNull(endpoint.getName()));
		}
		catch (IllegalArgumentException ex) {
			errors.reject("name", endpoint.getName(), String.valueOf(ex.getMessage()));
			return null;
		}
		PropertyMapper map = PropertyMapper.get();
		map.from(endpoint::isManualReset).to(errors.guard("manual-reset", options::manualReset));
		map.from(endpoint::isInitialState).to(errors.guard("initial-state", options::initialState));
		map.from(endpoint::isCreate).to(errors.guard("create", options::create));
		map.from(endpoint::getAccess).to(errors.guard("access", options::access));
		try {
			return options.build();
		}
		catch (InvalidOptionException ex) {
			errors.reject(DataObjectPropertyName.toDashedForm(ex.getOption()), ex.getValue(), ex.getRequirement());
			return null;
		}
	}

	@Override
	void register(EndpointRegistry registry, Map<String, EventProperties> endpoints) {
		endpoints.forEach((id, endpoint) -> {
			EventDirection direction = Objects.requireNonNull(endpoint.getDirection());
			String channel = Objects.requireNonNull(endpoint.getChannel());
			EndpointErrors unexpected = new ConfigurationErrors().endpoint(KEY, id);
			SyncOptions options = Objects.requireNonNull(options(endpoint, unexpected));
			String endpointId = EndpointRegistry.endpointId(KEY, id);
			if (direction == EventDirection.INBOUND) {
				BeanDefinitionBuilder adapter = BeanDefinitionBuilder
					.genericBeanDefinition(EventInboundChannelAdapter.class, () -> {
						EventInboundChannelAdapter inbound = new EventInboundChannelAdapter(options);
						inbound.setMapper(mapper(endpoint));
						inbound.setShutdownTimeout(registry.properties().getShutdownTimeout());
						return inbound;
					})
					.addPropertyValue("outputChannelName", channel);
				registry.registerInbound(id + INBOUND_CHANNEL_ADAPTER, adapter, endpointId, endpoint, endpoint.getLeaderRole());
			}
			else {
				registry.registerConsumer(id + OUTBOUND_CHANNEL_ADAPTER, channel,
						BeanDefinitionBuilder.genericBeanDefinition(EventOutboundChannelAdapter.class, () -> {
							EventOutboundChannelAdapter outbound = new EventOutboundChannelAdapter(options);
							outbound.setAction(endpoint.getAction());
							return outbound;
						}), endpointId, endpoint);
			}
			logger.debug(() -> "Registered " + PropertyKeys.propertyValue(direction) + " event '" + endpoint.getName()
					+ "' on channel '" + channel + "' as " + ConfigurationErrors.propertyName(KEY, id, "*"));
		});
	}

}
