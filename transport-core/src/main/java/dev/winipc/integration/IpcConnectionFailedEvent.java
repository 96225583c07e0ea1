package dev.winipc.integration;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.PeerIdentity;

/**
 * A connection of a winipc endpoint failed: a client could not connect (no connection
 * id then), or an open connection met an I/O or protocol error and is being closed.
 *
 * @since 0.1.0
 */
public class IpcConnectionFailedEvent extends IpcConnectionEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the event.
	 * @param source the endpoint's connection factory
	 * @param transport the transport, e.g. {@code pipe}
	 * @param endpoint the endpoint's name
	 * @param connectionId the connection, or {@code null} when none was made
	 * @param peer what the OS tells about the peer
	 * @param cause the failure
	 */
	public IpcConnectionFailedEvent(Object source, String transport, String endpoint, @Nullable String connectionId,
			PeerIdentity peer, Throwable cause) {
		super(source, transport, endpoint, connectionId, peer, cause);
	}

}
