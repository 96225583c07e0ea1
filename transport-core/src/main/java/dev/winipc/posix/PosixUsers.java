package dev.winipc.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.security.auth.module.UnixSystem;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.PeerIdentity;

/**
 * The user this process runs as, in the form {@code SO_PEERCRED} reports peers, and the
 * identity of a peer as the JDK reports it.
 *
 * @since 0.1.0
 */
final class PosixUsers {

	private static final UserPrincipal CURRENT = lookupCurrent();

	private static volatile @Nullable LibC libc;

	private PosixUsers() {
	}

	/**
	 * Look uids up through this C library from now on.
	 * @param library the C library
	 */
	static void useLibC(LibC library) {
		libc = library;
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
	 * @return e.g. {@code nobody (uid 65534)}, or {@code uid 1234} for a uid without a
	 * login name
	 */
	static String describe(UnixDomainPrincipal credentials) {
		return describe(credentials.user());
	}

	/**
	 * Describe a user for an error message.
	 * @param user the user, as the JDK names it: its login name, or its uid
	 * @return e.g. {@code nobody (uid 65534)}, or {@code uid 1234}
	 */
	static String describe(UserPrincipal user) {
		String name = user.getName();
		@Nullable LibC library = libc;
		if (name.chars().allMatch(Character::isDigit)) {
			@Nullable Pointer entry = (library != null) ? library.getpwuid(Integer.parseUnsignedInt(name)) : null;
			return (entry != null) ? entry.getPointer(0).getString(0) + " (uid " + name + ")" : "uid " + name;
		}
		@Nullable Pointer entry = (library != null) ? library.getpwnam(name) : null;
		return (entry != null) ? name + " (uid " + Integer.toUnsignedString(entry.getInt(2L * Native.POINTER_SIZE)) + ")"
				: name;
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
