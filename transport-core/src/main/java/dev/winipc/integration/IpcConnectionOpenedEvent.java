package dev.winipc.integration;

import dev.winipc.transport.PeerIdentity;

/**
 * A connection of a winipc endpoint opened: a server accepted a client, or a client
 * connected to its server.
 *
 * @since 0.1.0
 */
public class IpcConnectionOpenedEvent extends IpcConnectionEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the event.
	 * @param source the endpoint's connection factory
	 * @param transport the transport, e.g. {@code pipe}
	 * @param endpoint the endpoint's name
	 * @param connectionId the connection
	 * @param peer what the OS tells about the peer
	 */
	public IpcConnectionOpenedEvent(Object source, String transport, String endpoint, String connectionId,
			PeerIdentity peer) {
		super(source, transport, endpoint, connectionId, peer, null);
	}

}
