package dev.winipc.integration.sync;

import java.io.IOException;
import java.util.Locale;

import dev.winipc.transport.NamedEvent;

/**
 * What an {@link EventOutboundChannelAdapter} does with its named event for each message.
 *
 * @since 0.1.0
 */
public enum EventAction {

	/** Set the event: one waiter wakes (auto-reset), or every waiter until a reset (manual-reset). */
	SET,

	/** Set and at once reset the event, waking only who waits now ({@code PulseEvent}; not on POSIX). */
	PULSE,

	/** Reset the event. */
	RESET;

	/**
	 * Do the action.
	 * @param event the event
	 * @throws IOException naming the event if the OS refuses
	 */
	void apply(NamedEvent event) throws IOException {
		switch (this) {
			case SET -> event.set();
			case PULSE -> event.pulse();
			case RESET -> event.reset();
		}
	}

	/**
	 * Read an action as a header or configuration writes it.
	 * @param value an {@code EventAction}, or its name in any case, e.g. {@code pulse}
	 * @return the action
	 * @throws IllegalArgumentException if it names none
	 */
	static EventAction of(Object value) {
		if (value instanceof EventAction action) {
			return action;
		}
		try {
			return valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + value + "' is no event action; accepted values: set, pulse, reset",
					ex);
		}
	}

}
