package dev.winipc.autoconfigure;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.log.LogAccessor;
import org.springframework.util.StringUtils;

import dev.winipc.autoconfigure.ConfigurationErrors.EndpointErrors;
import dev.winipc.integration.mailslot.MailslotInboundChannelAdapter;
import dev.winipc.integration.mailslot.MailslotOutboundChannelAdapter;
import dev.winipc.integration.mailslot.MailslotSettings;
import dev.winipc.transport.EndpointName;

/**
 * The {@code winipc.mailslots.<id>} entries: an inbound one creates and reads its
 * mailslot, an outbound one writes to a mailslot another process (or an inbound entry)
 * reads. A mailslot has one reader: a second inbound entry on a name is an error.
 *
 * @since 0.1.0
 */
final class MailslotEndpoints extends EndpointKind<MailslotProperties> {

	private static final LogAccessor logger = new LogAccessor(MailslotEndpoints.class);

	/** The kind's key under {@code winipc}. */
	static final String KEY = "mailslots";

	/** Suffix of the settings bean of a mailslot entry. */
	static final String SETTINGS = ".mailslotSettings";

	/** Suffix of the inbound channel adapter bean. */
	static final String INBOUND_CHANNEL_ADAPTER = ".mailslotInboundChannelAdapter";

	/** Suffix of the outbound channel adapter's consumer endpoint bean. */
	static final String OUTBOUND_CHANNEL_ADAPTER = ".mailslotOutboundChannelAdapter";

	MailslotEndpoints() {
		super(KEY);
	}

	@Override
	Map<String, MailslotProperties> endpoints(WinIpcProperties properties) {
		return properties.getMailslots();
	}

	@Override
	void validate(Map<String, MailslotProperties> mailslots, ConfigurationErrors errors) {
		SingleReader readers = new SingleReader(KEY, "mailslot", "its reader",
				"a mailslot has one reader, and any number of outbound writers");
		mailslots.forEach((id, mailslot) -> {
			EndpointErrors endpoint = errors.endpoint(KEY, id);
			@Nullable EndpointName name = validate(mailslot, endpoint);
			if (name != null && mailslot.getDirection() == MailslotDirection.INBOUND) {
				readers.claim(name, id, "inbound", endpoint);
			}
		});
	}

	/** Check one entry; return its mailslot name, or {@code null} if that is invalid. */
	private static @Nullable EndpointName validate(MailslotProperties mailslot, EndpointErrors errors) {
		@Nullable EndpointName name = null;
		if (!StringUtils.hasText(mailslot.getName())) {
			errors.reject("name", mailslot.getName(),
					"a mailslot name is required, e.g. 'HelloWorld' for \\\\.\\mailslot\\HelloWorld");
		}
		else {
			try {
				name = EndpointName.mailslot(mailslot.getName());
			}
			catch (IllegalArgumentException ex) {
				errors.reject("name", mailslot.getName(), String.valueOf(ex.getMessage()));
			}
		}
		@Nullable MailslotDirection direction = mailslot.getDirection();
		if (direction == null) {
			errors.reject("direction", null,
					"a direction is required; accepted values: " + PropertyKeys.acceptedValues(MailslotDirection.class));
		}
		else {
			validateEndpoint(mailslot, direction == MailslotDirection.INBOUND, direction, errors);
		}
		if (name != null) {
			// The settings' setters check every transport setting: try them all.
			configure(mailslot, new MailslotSettings(name.name()), errors);
		}
		return name;
	}

	/**
	 * Copy an entry's settings onto a mailslot's settings, whose setters check each; a
	 * value refused becomes an error of its property.
	 */
	static void configure(MailslotProperties mailslot, MailslotSettings settings, EndpointErrors errors) {
		PropertyMapper map = PropertyMapper.get();
		map.from(mailslot::getMaxMessageSize)
			.to(errors.guard("max-message-size", (size) -> settings.setMaxMessageSize(toInt(size))));
		map.from(mailslot::getReadTimeout).to(errors.guard("read-timeout", settings::setReadTimeout));
		map.from(mailslot::getSendTimeout).to(errors.guard("send-timeout", settings::setSendTimeout));
		map.from(mailslot::getAccess).to(errors.guard("access", settings::setAccess));
		settings.setMapper(mapper(mailslot));
	}

	@Override
	void register(EndpointRegistry registry, Map<String, MailslotProperties> mailslots) {
		mailslots.forEach((id, mailslot) -> {
			String name = Objects.requireNonNull(mailslot.getName());
			String channel = Objects.requireNonNull(mailslot.getChannel());
			MailslotDirection direction = Objects.requireNonNull(mailslot.getDirection());
			EndpointErrors unexpected = new ConfigurationErrors().endpoint(KEY, id);
			String settings = id + SETTINGS;
			registry.register(settings, BeanDefinitionBuilder.genericBeanDefinition(MailslotSettings.class, () -> {
				MailslotSettings configured = new MailslotSettings(name);
				configure(mailslot, configured, unexpected);
				configured.setShutdownTimeout(registry.properties().getShutdownTimeout());
				return configured;
			}).getBeanDefinition());
			String endpointId = EndpointRegistry.endpointId(KEY, id);
			if (direction == MailslotDirection.INBOUND) {
				registry.registerInbound(id + INBOUND_CHANNEL_ADAPTER,
						BeanDefinitionBuilder.genericBeanDefinition(MailslotInboundChannelAdapter.class)
							.addConstructorArgReference(settings)
							.addPropertyValue("outputChannelName", channel),
						endpointId, mailslot);
			}
			else {
				registry.registerConsumer(id + OUTBOUND_CHANNEL_ADAPTER, channel,
						BeanDefinitionBuilder.genericBeanDefinition(MailslotOutboundChannelAdapter.class)
							.addConstructorArgReference(settings),
						endpointId, mailslot);
			}
			logger.debug(() -> "Registered " + PropertyKeys.propertyValue(direction) + " mailslot '" + name
					+ "' on channel '" + channel + "' as " + ConfigurationErrors.propertyName(KEY, id, "*"));
		});
	}

}
