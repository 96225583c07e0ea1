package dev.winipc.integration;

/**
 * Message headers set by winipc's inbound endpoints and read by its outbound ones.
 *
 * @since 0.1.0
 */
public final class WinIpcHeaders {

	/** Prefix of every winipc header. */
	public static final String PREFIX = "winipc_";

	/**
	 * The transport that carried the message: {@code pipe}, {@code mailslot},
	 * {@code shared-memory} or {@code event}.
	 */
	public static final String TRANSPORT = PREFIX + "transport";

	/** The endpoint's name as configured, e.g. {@code orders}. */
	public static final String ENDPOINT = PREFIX + "endpoint";

	/**
	 * The connection the message arrived on; set it on an outbound message to send to
	 * that one client of a server.
	 */
	public static final String CONNECTION_ID = PREFIX + "connectionId";

	/** The peer's process id, where the OS tells it ({@link Long}). */
	public static final String PEER_PID = PREFIX + "peerPid";

	/** The peer's user name, where the OS tells it. */
	public static final String PEER_USER = PREFIX + "peerUser";

	/**
	 * What an event outbound adapter does with this message's event, overriding its
	 * configured action: {@code set}, {@code pulse} or {@code reset} (a {@code String} or
	 * an {@link dev.winipc.integration.sync.EventAction}).
	 */
	public static final String EVENT_ACTION = PREFIX + "eventAction";

	/**
	 * On an error message: the id of the endpoint whose flow failed, as health and
	 * metrics name it, e.g. {@code winipc.pipes.orders}.
	 */
	public static final String ENDPOINT_ID = PREFIX + "endpointId";

	private WinIpcHeaders() {
	}

}
