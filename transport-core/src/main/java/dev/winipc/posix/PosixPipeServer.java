package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

/**
 * A pipe server on a Unix domain socket, its file made as {@link SocketFiles} makes every
 * socket file: never reachable with a wider mode, a live one at the path an error, a
 * stale one of the current user replaced. Each accepted peer's user is checked with
 * {@code SO_PEERCRED}: with the default access only the current user is served,
 * whatever the file's mode has become.
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
		Set<PosixFilePermission> mode = SocketFiles.mode(options.access(), path);
		SocketFiles.removeStale(path, "server", "pipe", PosixPipeServer::isLive);
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		@Nullable Object fileKey;
		try {
			fileKey = SocketFiles.publish(path, mode, "server",
					(privatePath) -> channel.bind(UnixDomainSocketAddress.of(privatePath), options.maxInstances()));
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		logger.log(Level.DEBUG, () -> "Serving pipe " + options.name() + " at " + path);
		return new PosixPipeServer(options, path, channel, fileKey);
	}

	private static boolean isLive(Path path) {
		try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
			return true;
		}
		catch (IOException ex) {
			// Nobody accepts on it: a stale socket file left by a process that died.
			return false;
		}
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
			// Another server may have replaced a file it took for stale meanwhile.
			SocketFiles.remove(this.path, this.fileKey);
		}
	}

	@Override
	public String toString() {
		return "PosixPipeServer[" + this.path + "]";
	}

}
