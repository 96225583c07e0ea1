package dev.winipc.posix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;

/**
 * A pipe client on a Unix domain socket. While the socket is missing or refuses
 * connections (the POSIX analogue of {@code ERROR_PIPE_BUSY}), it retries, pausing as the
 * options' back-off says, until the connect timeout, then fails with the last OS error.
 * With the default access the server must run as the current user ({@code SO_PEERCRED}).
 *
 * @since 0.1.0
 */
final class PosixPipeClient implements PipeClient {

	private final PipeOptions options;

	PosixPipeClient(PipeOptions options) {
		this.options = options;
	}

	@Override
	public PipeOptions options() {
		return this.options;
	}

	@Override
	public PipeConnection connect() throws IOException {
		Path path = this.options.name().posixPath();
		UnixSocketPaths.requireFits("connect", path);
		UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
		long deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(this.options.connectTimeout());
		BackOffPolicy.Sequence pauses = this.options.backOff().start();
		while (true) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.connect(address);
				return checked(channel, path);
			}
			catch (IpcException ex) {
				channel.close();
				throw ex;
			}
			catch (IOException ex) {
				channel.close();
				if (!pauses.pause(deadline)) {
					throw PosixErrors.of("connect", path, ex);
				}
			}
		}
	}

	private PipeConnection checked(SocketChannel channel, Path path) throws IOException {
		UnixDomainPrincipal server = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
		if (this.options.isCurrentUserOnly() && !server.user().equals(PosixUsers.current())) {
			throw PosixErrors.of("connect", path, "EACCES", "the pipe is served by user " + PosixUsers.describe(server)
					+ ", not by the current user " + PosixUsers.describe(PosixUsers.current()) + "; refusing to use it");
		}
		return new PosixPipeConnection(channel, this.options, path, PosixUsers.peer(server));
	}

}
