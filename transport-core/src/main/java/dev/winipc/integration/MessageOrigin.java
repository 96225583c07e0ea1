package dev.winipc.integration;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageHeaders;

import dev.winipc.transport.PeerIdentity;

/**
 * Where inbound messages come from: the transport, the endpoint and, where there is one,
 * the connection and the peer. Its {@link #headers()} are built once, when a connection
 * opens, and shared by every message that arrives on it.
 * <pre class="code">
 * MessageOrigin origin = MessageOrigin.of("pipe", "orders", connection.id(), connection.peer());
 * Message&lt;?&gt; message = mapper.toMessage(origin, bytes, messageBuilderFactory);
 * </pre>
 *
 * @since 0.1.0
 */
public final class MessageOrigin {

	private final String transport;

	private final String endpoint;

	private final @Nullable String connectionId;

	private final PeerIdentity peer;

	private final Map<String, Object> headers;

	private final SharedMessageHeaders sharedHeaders;

	/**
	 * What each message's headers are copied from: the headers, and the {@code id} and
	 * {@code timestamp} keys that {@code MessageHeaders} always sets, so the copy is
	 * sized for them (no rehash) and replaces their values (no new entries). A
	 * {@code HashMap}: copying one is the fastest copy there is.
	 */
	private final Map<String, Object> copySource;

	private MessageOrigin(String transport, String endpoint, @Nullable String connectionId, PeerIdentity peer) {
		this.transport = Objects.requireNonNull(transport, "transport must not be null");
		this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
		this.connectionId = connectionId;
		this.peer = Objects.requireNonNull(peer, "peer must not be null");
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(WinIpcHeaders.TRANSPORT, transport);
		headers.put(WinIpcHeaders.ENDPOINT, endpoint);
		if (connectionId != null) {
			headers.put(WinIpcHeaders.CONNECTION_ID, connectionId);
		}
		if (peer.processId() != null) {
			headers.put(WinIpcHeaders.PEER_PID, peer.processId());
		}
		if (peer.user() != null) {
			headers.put(WinIpcHeaders.PEER_USER, peer.user());
		}
		this.headers = Map.copyOf(headers);
		this.sharedHeaders = new SharedMessageHeaders(this.headers);
		HashMap<String, Object> copySource = new HashMap<>(headers);
		copySource.put(MessageHeaders.ID, MessageHeaders.ID_VALUE_NONE);
		copySource.put(MessageHeaders.TIMESTAMP, -1L);
		this.copySource = copySource;
	}

	/**
	 * Create an origin.
	 * @param transport the {@link WinIpcHeaders#TRANSPORT} value, e.g. {@code pipe}
	 * @param endpoint the endpoint's name, e.g. {@code orders}
	 * @param connectionId the connection, or {@code null} for a connectionless transport
	 * @param peer what the OS tells about the sender
	 * @return the origin
	 */
	public static MessageOrigin of(String transport, String endpoint, @Nullable String connectionId,
			PeerIdentity peer) {
		return new MessageOrigin(transport, endpoint, connectionId, peer);
	}

	/** @return the {@link WinIpcHeaders#TRANSPORT} value */
	public String transport() {
		return this.transport;
	}

	/** @return the endpoint's name */
	public String endpoint() {
		return this.endpoint;
	}

	/** @return the connection id, or {@code null} for a connectionless transport */
	public @Nullable String connectionId() {
		return this.connectionId;
	}

	/** @return what the OS tells about the sender */
	public PeerIdentity peer() {
		return this.peer;
	}

	/**
	 * Return the {@link WinIpcHeaders} of every message from here.
	 * @return an unmodifiable map
	 */
	public Map<String, Object> headers() {
		return this.headers;
	}

	/**
	 * Return the {@link #headers()} as one {@code MessageHeaders} without {@code id} and
	 * {@code timestamp}, which every message from here may share.
	 * @return the shared headers
	 */
	public MessageHeaders sharedHeaders() {
		return this.sharedHeaders;
	}

	/**
	 * Return what a message with its own {@code id} and {@code timestamp} is built from:
	 * {@code new GenericMessage<>(payload, origin.messageHeaders())}. Its {@code id} and
	 * {@code timestamp} are placeholders that {@code MessageHeaders} replaces; never read
	 * them, and never change the map.
	 * @return the map to build a message's headers from
	 */
	Map<String, Object> messageHeaders() {
		return this.copySource;
	}

	@Override
	public String toString() {
		return this.transport + ":" + this.endpoint + ((this.connectionId != null) ? "/" + this.connectionId : "");
	}

}
