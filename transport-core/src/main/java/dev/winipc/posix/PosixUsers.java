package dev.winipc.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;

import com.sun.security.auth.module.UnixSystem;

/**
 * The user this process runs as, in the form {@code SO_PEERCRED} reports peers.
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
