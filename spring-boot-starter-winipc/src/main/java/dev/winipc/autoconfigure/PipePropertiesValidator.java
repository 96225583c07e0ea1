package dev.winipc.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.winipc.autoconfigure.WinIpcProperties.Pipe;
import dev.winipc.integration.pipe.PipeFraming;
import dev.winipc.integration.pipe.PipeRole;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.PipeOptions;

/**
 * The start-up checks of {@code winipc.pipes}: what the binder cannot tell, such as a
 * missing channel or a reply channel on a one-way adapter. Each failure names the full
 * property and what it accepts.
 *
 * @since 0.1.0
 */
final class PipePropertiesValidator {

	private static final String ACCEPTED_ACCESS = "accepted values: current-user, an SDDL string such as "
			+ "D:P(A;;GA;;;AU) (Windows) or an octal file mode such as 0660 (POSIX)";

	/** An octal POSIX file mode, as the POSIX backend accepts it. */
	private static final Pattern FILE_MODE = Pattern.compile("0?[0-7]{3}");

	/** An SDDL string starts with one of its components: owner, group, DACL or SACL. */
	private static final Pattern SDDL = Pattern.compile("[OGDS]:.*", Pattern.DOTALL);

	private PipePropertiesValidator() {
	}

	/**
	 * Check every pipe.
	 * @param pipes the bound pipes by id
	 * @throws InvalidConfigurationPropertyValueException for the first invalid property
	 */
	static void validate(Map<String, Pipe> pipes) {
		Map<EndpointName, String> served = new HashMap<>();
		pipes.forEach((id, pipe) -> {
			validate(id, pipe);
			if (pipe.effectiveRole() == PipeRole.SERVER) {
				EndpointName name = EndpointName.of(pipe.getName());
				@Nullable String other = served.putIfAbsent(name, id);
				if (other != null) {
					throw invalid(id, "name", pipe.getName(), "pipe '" + name + "' is already served by "
							+ PipePropertiesBinder.PREFIX + "." + other + "; an application serves a pipe name once");
				}
			}
		});
	}

	private static void validate(String id, Pipe pipe) {
		if (!StringUtils.hasText(pipe.getName())) {
			throw invalid(id, "name", pipe.getName(), "a pipe name is required, e.g. 'orders' for \\\\.\\pipe\\orders");
		}
		try {
			EndpointName.of(pipe.getName());
		}
		catch (IllegalArgumentException ex) {
			throw invalid(id, "name", pipe.getName(), ex.getMessage());
		}
		PipeDirection direction = pipe.getDirection();
		if (direction == null) {
			throw invalid(id, "direction", null,
					"a direction is required; accepted values: " + PipePropertiesBinder.acceptedValues(PipeDirection.class));
		}
		if (!StringUtils.hasText(pipe.getChannel())) {
			throw invalid(id, "channel", pipe.getChannel(),
					"a channel name is required: the channel the " + PipePropertiesBinder.propertyValue(direction)
							+ (direction.isInbound() ? " endpoint sends to" : " endpoint reads from"));
		}
		if (pipe.getReplyChannel() != null && !direction.isGateway()) {
			throw invalid(id, "reply-channel", pipe.getReplyChannel(), "a " + PipePropertiesBinder.propertyValue(direction)
					+ " adapter has no replies; reply-channel applies to direction inbound-gateway or outbound-gateway");
		}
		if (direction.isGateway() && pipe.getFraming() == PipeFraming.RAW) {
			throw invalid(id, "framing", "raw", "raw framing carries one message per connection and cannot carry a "
					+ "reply; accepted values for a gateway: " + gatewayFramings());
		}
		DataSize maxMessageSize = pipe.getMaxMessageSize();
		if (maxMessageSize.toBytes() < 1 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
			throw invalid(id, "max-message-size", maxMessageSize, "must be between 1B and " + Integer.MAX_VALUE + "B");
		}
		if (pipe.getMaxInstances() < 1 || pipe.getMaxInstances() > PipeOptions.DEFAULT_MAX_INSTANCES) {
			throw invalid(id, "max-instances", pipe.getMaxInstances(),
					"must be between 1 and " + PipeOptions.DEFAULT_MAX_INSTANCES);
		}
		if (pipe.getConnectTimeout().isNegative()) {
			throw invalid(id, "connect-timeout", pipe.getConnectTimeout(), "must not be negative");
		}
		Duration replyTimeout = pipe.getReplyTimeout();
		if (replyTimeout.isNegative() || replyTimeout.isZero()) {
			throw invalid(id, "reply-timeout", replyTimeout, "must be positive");
		}
		String access = pipe.getAccess().trim();
		if (!PipeOptions.CURRENT_USER.equals(access) && !FILE_MODE.matcher(access).matches()
				&& !SDDL.matcher(access).matches()) {
			throw invalid(id, "access", pipe.getAccess(), ACCEPTED_ACCESS);
		}
	}

	private static String gatewayFramings() {
		return Arrays.stream(PipeFraming.values())
			.filter((framing) -> framing != PipeFraming.RAW)
			.map(PipePropertiesBinder::propertyValue)
			.collect(Collectors.joining(", "));
	}

	private static InvalidConfigurationPropertyValueException invalid(String id, String key, @Nullable Object value,
			String reason) {
		return new InvalidConfigurationPropertyValueException(PipePropertiesBinder.propertyName(id, key), value, reason);
	}

}
