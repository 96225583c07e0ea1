package dev.winipc.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;

import com.sun.security.auth.module.UnixSystem;
import jdk.net.UnixDomainPrincipal;

import dev.winipc.transport.PeerIdentity;

/**
 * The user this process runs as, in the form {@code SO_PEERCRED} reports peers, and the
 * identity of a peer as the JDK reports it.
 *
 * @since 0.1.0
 */
final class PosixUsers {

	private static final UserPrincipal CURRENT = lookupCurrent();

	private PosixUsers() {
	}

	static UserPrincipal current() {
		return CURRENT;
	}

	/**
	 * Return a peer's identity: the JDK tells the user, not the process.
	 * @param credentials what {@code SO_PEERCRED} said
	 * @return the identity, its user the login name, or the uid when it has none
	 */
	static PeerIdentity peer(UnixDomainPrincipal credentials) {
		return new PeerIdentity(null, credentials.user().getName());
	}

	/**
	 * Describe a peer's user for an error message.
	 * @param credentials what {@code SO_PEERCRED} said
	 * @return its login name, or its uid
	 */
	static String describe(UnixDomainPrincipal credentials) {
		return credentials.user().getName();
	}

	private static UserPrincipal lookupCurrent() {
		UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
		try {
			// The numeric uid always resolves, even for a uid without a passwd entry.
			return lookup.lookupPrincipalByName(Long.toString(new UnixSystem().getUid()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot resolve the current user", ex);
		}
	}

}
