package dev.winipc.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.winipc.autoconfigure.ConfigurationErrors.EndpointErrors;
import dev.winipc.transport.EndpointName;

/**
 * The rule every kind's configuration shares: an object has one receiving endpoint — a
 * served pipe one inbound endpoint or outbound gateway, a mailslot one reader, a ring one
 * reader — and any number of sending ones. A second receiver of a name is rejected on its
 * {@code direction}, naming the first.
 *
 * @since 0.1.0
 */
final class SingleReader {

	private final String key;

	private final String object;

	private final String receiver;

	private final String rule;

	private final Map<EndpointName, Receiver> receivers = new LinkedHashMap<>();

	/**
	 * Start checking one kind's entries.
	 * @param key the kind's key under {@code winipc}, e.g. {@code mailslots}
	 * @param object what the named object is called in messages, e.g. {@code mailslot}
	 * @param receiver what its receiving endpoint is called, e.g. {@code its reader}
	 * @param rule the rule as messages state it
	 */
	SingleReader(String key, String object, String receiver, String rule) {
		this.key = key;
		this.object = object;
		this.receiver = receiver;
		this.rule = rule;
	}

	/**
	 * Record an entry as the receiver of a name, or reject it if another entry is.
	 * @param name the object's name
	 * @param id the entry's id
	 * @param direction the entry's direction as configured, e.g. {@code inbound}
	 * @param errors the entry's errors
	 */
	void claim(EndpointName name, String id, String direction, EndpointErrors errors) {
		@Nullable Receiver first = this.receivers.putIfAbsent(name, new Receiver(id, direction));
		if (first != null) {
			errors.reject("direction", direction, this.object + " '" + name + "' already has " + this.receiver + ", "
					+ ConfigurationErrors.propertyName(this.key, first.id(), "direction") + " (" + first.direction()
					+ "); " + this.rule);
		}
	}

	private record Receiver(String id, String direction) {
	}

}
