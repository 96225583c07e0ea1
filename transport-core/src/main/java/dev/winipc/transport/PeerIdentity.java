package dev.winipc.transport;

import org.jspecify.annotations.Nullable;

/**
 * What the operating system tells about the process at the other end of a connection.
 *
 * @param processId the peer's process id, or {@code null} where the platform does not
 * tell it
 * @param user the peer's user name (Windows: account name, POSIX: login name or uid),
 * or {@code null} where the platform does not tell it
 * @since 0.1.0
 */
public record PeerIdentity(@Nullable Long processId, @Nullable String user) {

	/** A peer the platform tells nothing about. */
	public static final PeerIdentity UNKNOWN = new PeerIdentity(null, null);

}
