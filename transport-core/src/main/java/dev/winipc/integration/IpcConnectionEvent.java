package dev.winipc.integration;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.events.IntegrationEvent;

import dev.winipc.transport.PeerIdentity;

/**
 * A connection of a winipc endpoint opened, closed or failed; published as an
 * application event, as Spring Integration's TCP connection events are.
 * <pre class="code">
 * &#64;EventListener
 * void opened(IpcConnectionOpenedEvent event) {
 *     log.info("{} connected to {} as {}", event.getPeer(), event.getEndpoint(), event.getConnectionId());
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public abstract class IpcConnectionEvent extends IntegrationEvent {

	private static final long serialVersionUID = 1L;

	private final String transport;

	private final String endpoint;

	private final @Nullable String connectionId;

	private final PeerIdentity peer;

	/**
	 * Create an event.
	 * @param source the endpoint's connection factory
	 * @param transport the transport, e.g. {@code pipe}
	 * @param endpoint the endpoint's name
	 * @param connectionId the connection, or {@code null} when none was made
	 * @param peer what the OS tells about the peer
	 * @param cause the failure, or {@code null}
	 */
	protected IpcConnectionEvent(Object source, String transport, String endpoint, @Nullable String connectionId,
			PeerIdentity peer, @Nullable Throwable cause) {
		super(source, cause);
		this.transport = transport;
		this.endpoint = endpoint;
		this.connectionId = connectionId;
		this.peer = peer;
	}

	/** @return the transport, e.g. {@code pipe} */
	public String getTransport() {
		return this.transport;
	}

	/** @return the endpoint's name, e.g. {@code orders} */
	public String getEndpoint() {
		return this.endpoint;
	}

	/** @return the connection's {@link WinIpcHeaders#CONNECTION_ID}, or {@code null} when none was made */
	public @Nullable String getConnectionId() {
		return this.connectionId;
	}

	/** @return what the OS tells about the peer */
	public PeerIdentity getPeer() {
		return this.peer;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.transport + ":" + this.endpoint + ", connection="
				+ this.connectionId + ", peer=" + this.peer
				+ ((getCause() != null) ? ", cause=" + getCause().getMessage() : "") + "]";
	}

}
