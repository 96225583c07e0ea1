package dev.winipc.integration.sync;

/**
 * What the event adapters share.
 */
final class EventMessages {

	/** The {@link dev.winipc.integration.WinIpcHeaders#TRANSPORT} value of event messages. */
	static final String TRANSPORT = "event";

	private EventMessages() {
	}

}
