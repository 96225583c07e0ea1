package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

/**
 * A pipe server on a Unix domain socket.
 * <p>
 * The socket is bound in a private directory, given its mode (0600 unless configured),
 * then hard-linked to its public path, so it is never reachable with a wider mode and
 * never replaces a file that appeared meanwhile. A live socket already at the path is an
 * error; a stale one owned by the current user is replaced. Each accepted peer's user is
 * checked with {@code SO_PEERCRED}: with the default access only the current user is
 * served, whatever the file's mode has become.
 *
 * @since 0.1.0
 */
final class PosixPipeServer implements PipeServer {

	private static final Logger logger = System.getLogger(PosixPipeServer.class.getName());

	private final PipeOptions options;

	private final Path path;

	private final ServerSocketChannel channel;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** The socket file's identity, so that close removes this server's file and no other. */
	private final @Nullable Object fileKey;

	private PosixPipeServer(PipeOptions options, Path path, ServerSocketChannel channel, @Nullable Object fileKey) {
		this.options = options;
		this.path = path;
		this.channel = channel;
		this.fileKey = fileKey;
	}

	static PosixPipeServer bind(PipeOptions options) throws IOException {
		Path path = options.name().posixPath().toAbsolutePath();
		UnixSocketPaths.requireFits("bind", path);
		Set<PosixFilePermission> mode = fileMode(options, path);
		removeStaleSocket(path);
		Path privateDir = Files.createTempDirectory(path.getParent(), ".winipc-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path privatePath = privateDir.resolve("s");
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		@Nullable Object fileKey;
		try {
			channel.bind(UnixDomainSocketAddress.of(privatePath), options.maxInstances());
			Files.setPosixFilePermissions(privatePath, mode);
			Files.createLink(path, privatePath);
			fileKey = fileKey(path);
		}
		catch (FileAlreadyExistsException ex) {
			channel.close();
			throw PosixErrors.of("bind", path, "EADDRINUSE", "another server took the path while this one started");
		}
		catch (IOException ex) {
			channel.close();
			throw PosixErrors.of("bind", path, ex);
		}
		finally {
			Files.deleteIfExists(privatePath);
			Files.deleteIfExists(privateDir);
		}
		logger.log(Level.DEBUG, () -> "Serving pipe " + options.name() + " at " + path);
		return new PosixPipeServer(options, path, channel, fileKey);
	}

	private static @Nullable Object fileKey(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	private static Set<PosixFilePermission> fileMode(PipeOptions options, Path path) throws IpcException {
		return FileModes.permissions(FileModes.of(options.access(), "bind", path));
	}

	private static void removeStaleSocket(Path path) throws IOException {
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
		try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
			throw PosixErrors.of("bind", path, "EADDRINUSE", "another server is live on this pipe");
		}
		catch (IpcException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// Nobody accepts on it: a stale socket file left by a process that died.
		}
		UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
		if (!owner.equals(PosixUsers.current())) {
			throw PosixErrors.of("bind", path, "EADDRINUSE",
					"a stale socket owned by " + PosixUsers.describe(owner) + " is in the way; it is not replaced");
		}
		logger.log(Level.INFO, () -> "Replacing stale socket " + path);
		Files.deleteIfExists(path);
	}

	@Override
	public PipeOptions options() {
		return this.options;
	}

	@Override
	public PipeConnection accept() throws IOException {
		while (true) {
			SocketChannel accepted;
			try {
				accepted = this.channel.accept();
			}
			catch (ClosedChannelException ex) {
				throw PosixErrors.of("accept", this.path, "EBADF", "pipe server closed");
			}
			catch (IOException ex) {
				throw PosixErrors.of("accept", this.path, ex);
			}
			UnixDomainPrincipal credentials;
			try {
				credentials = accepted.getOption(ExtendedSocketOptions.SO_PEERCRED);
			}
			catch (IOException ex) {
				accepted.close();
				logger.log(Level.WARNING, () -> "Closed a client of " + this.path + " whose credentials could not be read",
						ex);
				continue;
			}
			if (this.options.isCurrentUserOnly() && !credentials.user().equals(PosixUsers.current())) {
				accepted.close();
				logger.log(Level.WARNING, () -> "accept(" + this.path + ") refused a client running as user "
						+ PosixUsers.describe(credentials) + ": only " + PosixUsers.describe(PosixUsers.current())
						+ " may connect (EACCES)");
				continue;
			}
			return new PosixPipeConnection(accepted, this.options, this.path, PosixUsers.peer(credentials));
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				logger.log(Level.DEBUG, () -> "Closing " + this.path, ex);
			}
			try {
				// Another server may have replaced a file it took for stale meanwhile.
				if (this.fileKey == null || this.fileKey.equals(fileKey(this.path))) {
					Files.deleteIfExists(this.path);
				}
			}
			catch (NoSuchFileException ex) {
				// already gone
			}
			catch (IOException ex) {
				logger.log(Level.WARNING, () -> "Could not remove socket file " + this.path, ex);
			}
		}
	}

	@Override
	public String toString() {
		return "PosixPipeServer[" + this.path + "]";
	}

}
