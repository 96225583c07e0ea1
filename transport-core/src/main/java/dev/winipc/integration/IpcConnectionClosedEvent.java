package dev.winipc.integration;

import dev.winipc.transport.PeerIdentity;

/**
 * A connection of a winipc endpoint closed, for whatever reason: the peer left, the endpoint
 * stopped, or a failure (an {@link IpcConnectionFailedEvent} comes first then).
 *
 * @since 0.1.0
 */
public class IpcConnectionClosedEvent extends IpcConnectionEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the event.
	 * @param source the endpoint's connection factory
	 * @param transport the transport, e.g. {@code pipe}
	 * @param endpoint the endpoint's name
	 * @param connectionId the connection
	 * @param peer what the OS tells about the peer
	 */
	public IpcConnectionClosedEvent(Object source, String transport, String endpoint, String connectionId,
			PeerIdentity peer) {
		super(source, transport, endpoint, connectionId, peer, null);
	}

}
