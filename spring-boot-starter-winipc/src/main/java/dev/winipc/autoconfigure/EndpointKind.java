package dev.winipc.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.transport.InvalidOptionException;

/**
 * One kind of winipc endpoint in configuration, {@code winipc.<key>.<id>.*}: how its
 * entries are found in the bound properties, checked, and turned into beans. A transport
 * adds its properties class and one of these; binding, error reporting and channel
 * creation are shared.
 *
 * @param <P> the kind's properties class
 * @since 0.1.0
 */
abstract class EndpointKind<P extends EndpointProperties> {

	private final String key;

	EndpointKind(String key) {
		this.key = key;
	}

	/**
	 * Return the kind's key under {@code winipc}.
	 * @return e.g. {@code pipes}
	 */
	final String key() {
		return this.key;
	}

	/**
	 * Return the kind's entries.
	 * @param properties everything bound under {@code winipc}
	 * @return the entries by id, in declaration order
	 */
	abstract Map<String, P> endpoints(WinIpcProperties properties);

	/**
	 * Check every entry, and the entries against each other, recording each invalid
	 * property.
	 * @param endpoints the entries by id
	 * @param errors where to record what is invalid
	 */
	abstract void validate(Map<String, P> endpoints, ConfigurationErrors errors);

	/**
	 * Return the channels an entry names: its {@code channel} and {@code error-channel},
	 * unless a kind names more.
	 * @param endpoint the entry
	 * @return the channel names by the key of the property that names them
	 */
	Map<String, String> channels(P endpoint) {
		Map<String, String> channels = new LinkedHashMap<>();
		if (StringUtils.hasText(endpoint.getChannel())) {
			channels.put("channel", endpoint.getChannel());
		}
		if (StringUtils.hasText(endpoint.getErrorChannel())) {
			channels.put("error-channel", endpoint.getErrorChannel());
		}
		return channels;
	}

	/**
	 * Register the beans of every entry; only called once every entry is valid.
	 * @param registry where the beans go
	 * @param endpoints the entries by id
	 */
	abstract void register(EndpointRegistry registry, Map<String, P> endpoints);

	/**
	 * Check what every entry of a direction sets on its endpoint: a {@code channel} is
	 * required; {@code error-channel} applies only to endpoints that receive, since a
	 * failed send throws to its sender.
	 * @param entry the entry
	 * @param receives whether the entry's endpoint receives: an inbound adapter or gateway
	 * @param direction the entry's direction, for the message
	 * @param errors where to record what is invalid
	 */
	static void validateEndpoint(EndpointProperties entry, boolean receives, Enum<?> direction,
			ConfigurationErrors.EndpointErrors errors) {
		if (!StringUtils.hasText(entry.getChannel())) {
			errors.reject("channel", entry.getChannel(), "a channel name is required: the channel the "
					+ PropertyKeys.propertyValue(direction) + (receives ? " endpoint sends to" : " endpoint reads from"));
		}
		if (entry.getErrorChannel() != null && !receives) {
			errors.reject("error-channel", entry.getErrorChannel(), "an " + PropertyKeys.propertyValue(direction)
					+ " endpoint's failed send throws to its sender; error-channel applies to endpoints that receive");
		}
	}

	/**
	 * Check an entry's {@code leader-role}: only an inbound endpoint joins a role, and a
	 * role has a name.
	 * @param leaderRole the role, or {@code null}
	 * @param outbound whether the entry sends
	 * @param errors the entry's errors
	 */
	static void validateLeaderRole(@Nullable String leaderRole, boolean outbound,
			ConfigurationErrors.EndpointErrors errors) {
		if (outbound && leaderRole != null) {
			errors.reject("leader-role", leaderRole, "applies to direction inbound");
		}
		else if (leaderRole != null && !StringUtils.hasText(leaderRole)) {
			errors.reject("leader-role", leaderRole, "must not be blank");
		}
	}

	/**
	 * Return the mapper an entry's {@code payload-type} and {@code charset} describe.
	 * @param entry the entry
	 * @return a new mapper
	 */
	static WinIpcMessageMapper mapper(EndpointProperties entry) {
		PropertyMapper map = PropertyMapper.get();
		WinIpcMessageMapper mapper = new WinIpcMessageMapper();
		map.from(entry::getPayloadType).to(mapper::setPayloadType);
		map.from(entry::getCharset).to(mapper::setCharset);
		return mapper;
	}

	/**
	 * Return a size in bytes as the {@code int} the transports take.
	 * @param size the size
	 * @return its bytes
	 * @throws InvalidOptionException if it is above {@code Integer.MAX_VALUE} bytes
	 */
	static int toInt(DataSize size) {
		if (size.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidOptionException("size", size, "must be at most " + Integer.MAX_VALUE + "B");
		}
		return (int) size.toBytes();
	}

}
