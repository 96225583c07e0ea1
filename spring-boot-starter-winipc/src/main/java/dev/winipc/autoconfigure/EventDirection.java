package dev.winipc.autoconfigure;

/**
 * Which way an event endpoint declared under {@code winipc.events.<id>.direction} works.
 *
 * @since 0.1.0
 */
public enum EventDirection {

	/** A message is sent to the channel each time the event is set. */
	INBOUND,

	/** Each message sent to the channel sets, pulses or resets the event. */
	OUTBOUND

}
