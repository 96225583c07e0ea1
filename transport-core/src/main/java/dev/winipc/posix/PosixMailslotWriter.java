package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotWriter;

/**
 * A mailslot writer: an {@code AF_UNIX} {@code SOCK_DGRAM} socket connected to the
 * reader's, one datagram per message.
 * <p>
 * Connected, because then the kernel tells the writer what it needs: {@code poll} waits
 * for room in that reader's queue, a send to a reader that has gone fails with
 * {@code ECONNREFUSED} (the writer then looks up the path again, once, for a reader that
 * restarted), and one to a reader that stopped receiving with {@code EPIPE}. Sends never
 * block; a full queue is waited out for up to the send timeout. With the default access
 * the socket file must belong to the current user.
 *
 * @since 0.1.0
 */
final class PosixMailslotWriter implements MailslotWriter {

	private static final Logger logger = System.getLogger(PosixMailslotWriter.class.getName());

	/** Room beyond the payload that the kernel charges a datagram to the send buffer. */
	private static final int DATAGRAM_OVERHEAD = 4096;

	/** Linux's usual send buffer ({@code net.core.wmem_default}); macOS's is 2 KiB. */
	private static final int DEFAULT_SEND_BUFFER = 212992;

	private final MailslotOptions options;

	private final Path path;

	private final UnixDatagramSocket socket;

	private final Memory buffer;

	private final ReentrantLock writeLock = new ReentrantLock();

	private boolean connected;

	private PosixMailslotWriter(MailslotOptions options, Path path, UnixDatagramSocket socket) {
		this.options = options;
		this.path = path;
		this.socket = socket;
		this.buffer = new Memory(Math.max(1, options.maxMessageSize()));
	}

	static PosixMailslotWriter open(LibC libc, MailslotOptions options) throws IOException {
		Path path = options.name().posixPath().toAbsolutePath();
		UnixSocketPaths.requireFits("connect", path);
		UnixDatagramSocket socket = UnixDatagramSocket.open(libc, path);
		try {
			// A datagram must fit the send buffer whole; the kernel caps what is asked.
			long wanted = (long) options.maxMessageSize() + DATAGRAM_OVERHEAD;
			if (PosixErrors.isDarwin() || wanted > DEFAULT_SEND_BUFFER) {
				socket.setOption(UnixDatagramSocket.SO_SNDBUF, (int) Math.min(Integer.MAX_VALUE, wanted));
			}
			return new PosixMailslotWriter(options, path, socket);
		}
		catch (IpcException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	@Override
	public MailslotOptions options() {
		return this.options;
	}

	@Override
	public String path() {
		return this.path.toString();
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (length > this.options.maxMessageSize()) {
			throw PosixErrors.of("send", this.path, "EMSGSIZE", "a message of " + length + " bytes exceeds the maximum "
					+ "message size of " + this.options.maxMessageSize() + " bytes; it was not sent");
		}
		this.writeLock.lock();
		try {
			if (this.socket.isClosing()) {
				throw closedFailure();
			}
			if (length > 0) {
				this.buffer.write(0, bytes, offset, length);
			}
			send(length);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void send(int length) throws IOException {
		long deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(this.options.sendTimeout());
		boolean lookedUp = false;
		while (true) {
			if (!this.connected) {
				connect();
				lookedUp = true;
			}
			long sent = DatagramCalls.send(this.socket.libc(), this.socket.fd(), this.buffer, length,
					UnixDatagramSocket.MSG_DONTWAIT | UnixDatagramSocket.MSG_NOSIGNAL);
			if (sent == length) {
				return;
			}
			int error = (sent < 0) ? Native.getLastError() : 0;
			String name = String.valueOf(PosixErrors.nameOf(error));
			if (sent >= 0) {
				throw new IpcException("send", this.path.toString(), "sent " + sent + " of the message's " + length
						+ " bytes");
			}
			if (name.equals("EAGAIN") || name.equals("ENOBUFS")) {
				awaitRoom(deadline, error);
			}
			else if (name.equals("ECONNREFUSED") || name.equals("ENOTCONN") || name.equals("EPIPE")) {
				// The reader went away or is stopping; a new one may hold the path by now.
				this.connected = false;
				if (lookedUp) {
					throw PosixErrors.of("send", this.path, error, name.equals("EPIPE")
							? "the reader is stopping and receives no more messages" : "no reader has the mailslot");
				}
			}
			else if (!name.equals("EINTR")) {
				throw PosixErrors.of("send", this.path, error, name.equals("EMSGSIZE")
						? "the OS refuses a datagram this large (see SO_SNDBUF, net.core.wmem_max)" : null);
			}
		}
	}

	private void connect() throws IOException {
		int error = this.socket.connect(this.path);
		if (error != 0) {
			String name = String.valueOf(PosixErrors.nameOf(error));
			throw PosixErrors.of("connect", this.path, error,
					(name.equals("ENOENT") || name.equals("ECONNREFUSED")) ? "no reader has created the mailslot"
							: name.equals("EACCES") ? "the mailslot's file mode does not let this user write" : null);
		}
		if (this.options.isCurrentUserOnly()) {
			requireOwnedByCurrentUser();
		}
		this.connected = true;
	}

	private void requireOwnedByCurrentUser() throws IpcException {
		UserPrincipal owner;
		try {
			owner = Files.getOwner(this.path, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			throw PosixErrors.of("connect", this.path, "ENOENT", "the reader went away while this writer connected");
		}
		catch (IOException ex) {
			throw PosixErrors.of("connect", this.path, ex);
		}
		if (!owner.equals(PosixUsers.current())) {
			throw PosixErrors.of("connect", this.path, "EACCES", "the mailslot belongs to user " + PosixUsers.describe(owner)
					+ ", not to the current user " + PosixUsers.name(this.socket.libc(), (int) PosixUsers.currentUid())
					+ "; refusing to write to it");
		}
	}

	private void awaitRoom(long deadline, int error) throws IOException {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw PosixErrors.of("send", this.path, "ETIMEDOUT", "the reader's queue stayed full ("
					+ PosixErrors.nameOf(error) + ") for the send timeout of " + this.options.sendTimeout());
		}
		int waited = this.socket.await(UnixDatagramSocket.POLLOUT,
				(int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
		if (waited == UnixDatagramSocket.WOKEN) {
			throw closedFailure();
		}
	}

	@Override
	public void close() {
		if (!this.socket.startClosing()) {
			return;
		}
		this.writeLock.lock();
		try {
			this.socket.close();
			this.buffer.close();
		}
		finally {
			this.writeLock.unlock();
		}
		logger.log(Level.DEBUG, () -> "Closed writer of mailslot " + this.path);
	}

	private IpcException closedFailure() {
		return PosixErrors.of("send", this.path, "EBADF", "the mailslot writer is closed");
	}

	@Override
	public String toString() {
		return "PosixMailslotWriter[" + this.path + "]";
	}

}
