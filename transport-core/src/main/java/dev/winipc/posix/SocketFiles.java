package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * How every socket file of the POSIX backend is made and removed, whatever the socket's
 * type (pipes: stream, mailslots: datagram).
 * <p>
 * A socket is bound in a private directory (mode 0700), given its mode (0600 unless
 * configured), then hard-linked to its public path, so it is never reachable with a wider
 * mode and never replaces a file that appeared meanwhile. A live socket already at the
 * path is an error; a stale one owned by the current user is replaced; one of another
 * user, and anything that is not a socket, is never touched. Closing removes the file
 * only while it is still this endpoint's own.
 */
final class SocketFiles {

	private static final Logger logger = System.getLogger(SocketFiles.class.getName());

	private SocketFiles() {
	}

	/**
	 * Return the mode a socket file gets.
	 * @param access the access setting
	 * @param path the socket's path, for the error
	 * @return 0600, or the configured octal mode
	 * @throws IpcException {@code EINVAL} if the access is not an octal file mode (an
	 * SDDL string, which only Windows understands)
	 */
	static Set<PosixFilePermission> mode(String access, Path path) throws IpcException {
		return FileModes.permissions(FileModes.of(access, "bind", path));
	}

	/**
	 * Clear the way for a new socket at the path: nothing there, or a stale socket of the
	 * current user, which is removed.
	 * @param path the socket's path
	 * @param what the endpoint's role for messages, e.g. {@code server} or {@code reader}
	 * @param kind the endpoint's kind for messages, e.g. {@code pipe} or {@code mailslot}
	 * @param live tells whether a peer still listens on the socket at the path
	 * @throws IpcException {@code EEXIST} if the path is not a socket, {@code EADDRINUSE}
	 * if the socket is live or belongs to another user
	 * @throws IOException if the path cannot be inspected or removed
	 */
	static void removeStale(Path path, String what, String kind, LiveProbe live) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		if (!attributes.isOther()) {
			throw PosixErrors.of("bind", path, "EEXIST", "the path exists and is not a socket");
		}
		if (live.isLive(path)) {
			throw PosixErrors.of("bind", path, "EADDRINUSE", "another " + what + " is live on this " + kind);
		}
		UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
		if (!owner.equals(PosixUsers.current())) {
			throw PosixErrors.of("bind", path, "EADDRINUSE",
					"a stale socket owned by " + PosixUsers.describe(owner) + " is in the way; it is not replaced");
		}
		logger.log(Level.INFO, () -> "Replacing stale socket " + path);
		Files.deleteIfExists(path);
	}

	/**
	 * Bind a socket where nobody can reach it, give it its mode, and link it to its path.
	 * @param path the socket's public path
	 * @param mode its mode
	 * @param what the endpoint's role for messages, e.g. {@code server}
	 * @param binder binds the socket at a private path
	 * @return the file's identity, for {@link #remove}
	 * @throws IpcException {@code EADDRINUSE} if a file appeared at the path meanwhile,
	 * or what binding failed with
	 * @throws IOException if the private directory cannot be made
	 */
	static @Nullable Object publish(Path path, Set<PosixFilePermission> mode, String what, Binder binder)
			throws IOException {
		Path privateDir = Files.createTempDirectory(path.getParent(), ".winipc-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path privatePath = privateDir.resolve("s");
		try {
			binder.bind(privatePath);
			Files.setPosixFilePermissions(privatePath, mode);
			Files.createLink(path, privatePath);
			return fileKey(path);
		}
		catch (FileAlreadyExistsException ex) {
			throw PosixErrors.of("bind", path, "EADDRINUSE", "another " + what + " took the path while this one started");
		}
		catch (IOException ex) {
			throw PosixErrors.of("bind", path, ex);
		}
		finally {
			Files.deleteIfExists(privatePath);
			Files.deleteIfExists(privateDir);
		}
	}

	/**
	 * Remove a socket file, unless another endpoint replaced it meanwhile (it took this
	 * one's file for stale).
	 * @param path the socket's path
	 * @param fileKey the identity {@link #publish} returned
	 */
	static void remove(Path path, @Nullable Object fileKey) {
		try {
			if (fileKey == null || fileKey.equals(fileKey(path))) {
				Files.deleteIfExists(path);
			}
		}
		catch (NoSuchFileException ex) {
			// already gone
		}
		catch (IOException ex) {
			logger.log(Level.WARNING, () -> "Could not remove socket file " + path, ex);
		}
	}

	private static @Nullable Object fileKey(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	/**
	 * Tells whether a socket file has a live peer.
	 */
	@FunctionalInterface
	interface LiveProbe {

		/**
		 * @param path the socket file
		 * @return {@code true} if a peer listens on it
		 * @throws IOException if the answer cannot be found
		 */
		boolean isLive(Path path) throws IOException;

	}

	/**
	 * Binds a socket to a path.
	 */
	@FunctionalInterface
	interface Binder {

		/**
		 * @param path where to bind
		 * @throws IOException naming the failure
		 */
		void bind(Path path) throws IOException;

	}

}
