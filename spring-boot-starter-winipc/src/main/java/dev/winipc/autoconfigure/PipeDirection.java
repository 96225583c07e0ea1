package dev.winipc.autoconfigure;

/**
 * Which way messages flow through a pipe endpoint declared under
 * {@code winipc.pipes.<id>.direction}.
 *
 * @since 0.1.0
 */
public enum PipeDirection {

	/** Messages read from the pipe are sent to the channel. */
	INBOUND,

	/** Messages sent to the channel are written to the pipe. */
	OUTBOUND,

	/**
	 * Requests read from the pipe are sent to the channel; each reply is written back on
	 * the connection its request came from.
	 */
	INBOUND_GATEWAY,

	/**
	 * Messages sent to the channel are written to the pipe as requests; the reply read
	 * from the same connection goes to the reply channel.
	 */
	OUTBOUND_GATEWAY;

	/**
	 * Return whether the endpoint carries replies.
	 * @return {@code true} for the gateways
	 */
	public boolean isGateway() {
		return this == INBOUND_GATEWAY || this == OUTBOUND_GATEWAY;
	}

	/**
	 * Return whether the endpoint receives its first message from the pipe.
	 * @return {@code true} for the inbound adapter and gateway
	 */
	public boolean isInbound() {
		return this == INBOUND || this == INBOUND_GATEWAY;
	}

}
