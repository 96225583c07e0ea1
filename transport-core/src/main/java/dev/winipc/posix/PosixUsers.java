package dev.winipc.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import com.sun.security.auth.module.UnixSystem;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;

/**
 * The user this process runs as, in the form {@code SO_PEERCRED} reports peers, the
 * identity of a peer as the JDK reports it, and the login names of the user ids the
 * kernel reports datagram senders by and errors name.
 *
 * @since 0.1.0
 */
final class PosixUsers {

	private static final long CURRENT_UID = new UnixSystem().getUid();

	private static final UserPrincipal CURRENT = lookupCurrent();

	/** {@code getpwuid_r}'s string buffer; 4 KiB holds every real passwd entry. */
	private static final int PASSWD_BUFFER = 4096;

	/** Room for a {@code struct passwd}, whose first field is {@code char *pw_name} everywhere. */
	private static final int PASSWD_SIZE = 128;

	/** Login names by uid; empty for a uid without a passwd entry. */
	private static final Map<Integer, Optional<String>> NAMES = new ConcurrentHashMap<>();

	private static volatile @Nullable LibC libc;

	private PosixUsers() {
	}

	/**
	 * Look users up through this C library from now on.
	 * @param library the C library
	 */
	static void useLibC(LibC library) {
		libc = library;
	}

	static UserPrincipal current() {
		return CURRENT;
	}

	/**
	 * Return the user id this process runs as.
	 * @return the uid
	 */
	static long currentUid() {
		return CURRENT_UID;
	}

	/**
	 * Return the login name of a user id, as the kernel reports senders by number.
	 * @param library the C library
	 * @param uid the user id
	 * @return the login name, or the uid when it has no passwd entry
	 */
	static String name(LibC library, int uid) {
		return loginName(library, uid).orElse(Integer.toUnsignedString(uid));
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
	 * Refuse an object another user owns, unless its endpoint's access setting was
	 * widened (the caller checks that): a squatter must not feed or read our data.
	 * @param operation the call that opened it, e.g. {@code shm_open}
	 * @param name the object's name
	 * @param object what it is, e.g. {@code the segment}
	 * @param owner its owner
	 * @throws IpcException ({@code EACCES}) if the owner is not the current user
	 */
	static void requireOwner(String operation, String name, String object, UserPrincipal owner) throws IpcException {
		if (!owner.equals(current())) {
			throw PosixErrors.of(operation, name, "EACCES", object + " belongs to user " + describe(owner)
					+ ", not to the current user " + describe(current())
					+ "; refusing to use it (an access setting such as 0660 accepts it)");
		}
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
			Optional<String> login = (library != null) ? loginName(library, Integer.parseUnsignedInt(name))
					: Optional.empty();
			return login.map((found) -> found + " (uid " + name + ")").orElse("uid " + name);
		}
		@Nullable Pointer entry = (library != null) ? library.getpwnam(name) : null;
		return (entry != null) ? name + " (uid " + Integer.toUnsignedString(entry.getInt(2L * Native.POINTER_SIZE)) + ")"
				: name;
	}

	private static Optional<String> loginName(LibC library, int uid) {
		return NAMES.computeIfAbsent(uid, (key) -> {
			try (Memory passwd = new Memory(PASSWD_SIZE); Memory buffer = new Memory(PASSWD_BUFFER)) {
				PointerByReference result = new PointerByReference();
				if (library.getpwuid_r(key, passwd, buffer, new NativeLong(PASSWD_BUFFER), result) == 0
						&& result.getValue() != null) {
					return Optional.of(passwd.getPointer(0).getString(0));
				}
				return Optional.empty();
			}
		});
	}

	private static UserPrincipal lookupCurrent() {
		UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
		try {
			// The numeric uid always resolves, even for a uid without a passwd entry.
			return lookup.lookupPrincipalByName(Long.toString(CURRENT_UID));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot resolve the current user", ex);
		}
	}

}
