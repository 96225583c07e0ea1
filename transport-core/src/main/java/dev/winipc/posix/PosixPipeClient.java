package dev.winipc.posix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;

/**
 * A pipe client on a Unix domain socket. While the socket is missing or refuses
 * connections (the POSIX analogue of {@code ERROR_PIPE_BUSY}), it retries with a short
 * back-off until the connect timeout, then fails with the last OS error. With the
 * default access the server must run as the current user ({@code SO_PEERCRED}).
 *
 * @since 0.1.0
 */
final class PosixPipeClient implements PipeClient {

	private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long MAX_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

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
		Path path = this.options.name().posixPipePath();
		UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
		long deadline = System.nanoTime() + this.options.connectTimeout().toNanos();
		long pause = FIRST_RETRY_NANOS;
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
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
					throw PosixErrors.of("connect", path, ex);
				}
				LockSupport.parkNanos(Math.min(pause, remaining));
				pause = Math.min(pause * 2, MAX_RETRY_NANOS);
			}
		}
	}

	private PipeConnection checked(SocketChannel channel, Path path) throws IOException {
		UnixDomainPrincipal server = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
		if (this.options.isCurrentUserOnly() && !server.user().equals(PosixUsers.current())) {
			throw PosixErrors.of("connect", path, "EACCES", "the pipe is served by user " + server.user().getName()
					+ ", not by the current user " + PosixUsers.current().getName());
		}
		return new PosixPipeConnection(channel, this.options, path, new PeerIdentity(null, server.user().getName()));
	}

}
