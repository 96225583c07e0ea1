package dev.winipc.posix;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Native;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.MailslotMessage;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.PeerIdentity;

/**
 * A mailslot reader on an {@code AF_UNIX} {@code SOCK_DGRAM} socket at
 * {@code $TMPDIR/winipc-mailslot-NAME}, its file made as {@link SocketFiles} makes every
 * socket file (mode 0600 unless configured, never reachable with a wider one; a live
 * reader at the path an error, a stale one of the current user replaced).
 * <p>
 * On Linux every datagram carries its sender's credentials ({@code SO_PASSCRED}): with
 * the default access one from another user is refused, whatever the file's mode has
 * become, and logged; the others report their sender. A datagram larger than the maximum
 * message size is cut short by the kernel, and reported as an error naming its size.
 * <p>
 * A read waits with {@code poll} on the socket and a wake-up pipe, so {@link #close()}
 * and {@link #stopReceiving()} end it at once. Stopping shuts the socket's input
 * ({@code shutdown(SHUT_RD)}, Linux): writers then fail with {@code EPIPE} while what was
 * queued is still read.
 *
 * @since 0.1.0
 */
final class PosixMailslotReader implements MailslotReader {

	private static final Logger logger = System.getLogger(PosixMailslotReader.class.getName());

	/** Linux tells senders and refuses writers on shutdown; macOS does neither. */
	private static final boolean LINUX = !PosixErrors.isDarwin();

	private final MailslotOptions options;

	private final Path path;

	private final UnixDatagramSocket socket;

	private final DatagramReceiver receiver;

	private final @Nullable Object fileKey;

	private final ReentrantLock readLock = new ReentrantLock();

	/** Non-blocking tries after the queue ran empty, before waiting in {@code poll}: a few microseconds. */
	private static final int SPINS = 16;

	private final int eagain = PosixErrors.errno("EAGAIN");

	private final int eintr = PosixErrors.errno("EINTR");

	private volatile boolean stopping;

	private @Nullable PeerIdentity lastSender;

	private int lastPid;

	private int lastUid;

	private PosixMailslotReader(MailslotOptions options, Path path, UnixDatagramSocket socket,
			@Nullable Object fileKey) {
		this.options = options;
		this.path = path;
		this.socket = socket;
		this.fileKey = fileKey;
		this.receiver = new DatagramReceiver(socket.libc(), socket.fd(), options.maxMessageSize());
	}

	static PosixMailslotReader bind(LibC libc, MailslotOptions options) throws IOException {
		Path path = options.name().posixPath().toAbsolutePath();
		UnixSocketPaths.requireFits("bind", path);
		Set<PosixFilePermission> mode = SocketFiles.mode(options.access(), path);
		SocketFiles.removeStale(path, "reader", "mailslot", (file) -> UnixDatagramSocket.isLive(libc, file));
		UnixDatagramSocket socket = UnixDatagramSocket.open(libc, path);
		@Nullable Object fileKey;
		try {
			if (LINUX) {
				socket.setOption(UnixDatagramSocket.SO_PASSCRED, 1);
			}
			fileKey = SocketFiles.publish(path, mode, "reader", socket::bind);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
		logger.log(Level.DEBUG, () -> "Reading mailslot " + options.name() + " at " + path);
		return new PosixMailslotReader(options, path, socket, fileKey);
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
	public @Nullable MailslotMessage read() throws IOException {
		this.readLock.lock();
		try {
			@Nullable Duration timeout = this.options.readTimeout();
			long deadline = (timeout != null) ? System.nanoTime() + ExponentialBackOff.saturatedNanos(timeout) : 0;
			int spins = 0;
			while (true) {
				if (this.socket.isClosing()) {
					throw closedFailure();
				}
				long length = this.receiver.receive(false);
				if (length >= 0) {
					if (isEndOfInput(length)) {
						return null;
					}
					@Nullable MailslotMessage message = accept(length);
					if (message != null) {
						return message;
					}
					continue;
				}
				int error = Native.getLastError();
				if (error != this.eagain && error != this.eintr) {
					throw PosixErrors.of("recvmsg", this.path, error, null);
				}
				if (this.stopping) {
					return null;
				}
				if (error == this.eagain && spins++ < SPINS) {
					// A writer sending a run of messages has the next one on its way: taking it
					// now saves a wait in poll and the wake-up that ends it.
					Thread.onSpinWait();
					continue;
				}
				int waited = this.socket.await(UnixDatagramSocket.POLLIN, remainingMillis(timeout, deadline));
				if (waited == UnixDatagramSocket.WOKEN && this.socket.isClosing()) {
					throw closedFailure();
				}
				if (waited == UnixDatagramSocket.TIMED_OUT) {
					return null;
				}
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	/**
	 * Tell the end of the queue after {@link #stopReceiving()} from an empty message: on
	 * Linux both read as 0 bytes, but every message carries its sender's credentials.
	 */
	private boolean isEndOfInput(long length) {
		return LINUX && this.stopping && length == 0 && !this.receiver.hasCredentials();
	}

	/**
	 * Turn what {@code recvmsg} took into a message, or {@code null} for one refused:
	 * another user's.
	 */
	private @Nullable MailslotMessage accept(long length) throws IpcException {
		if (this.receiver.truncated()) {
			throw new IpcException("recvmsg", this.path.toString(), "EMSGSIZE", PosixErrors.errno("EMSGSIZE"),
					"a message of " + (LINUX ? length + " bytes" : "more than " + this.options.maxMessageSize()
							+ " bytes") + " exceeds the maximum message size of " + this.options.maxMessageSize()
							+ " bytes; it is discarded",
					null);
		}
		PeerIdentity sender = PeerIdentity.UNKNOWN;
		if (this.receiver.hasCredentials()) {
			int uid = this.receiver.uid();
			if (this.options.isCurrentUserOnly() && Integer.toUnsignedLong(uid) != PosixUsers.currentUid()) {
				logger.log(Level.WARNING, () -> "recvmsg(" + this.path + ") refused a " + length + "-byte message from "
						+ "user " + PosixUsers.name(this.socket.libc(), uid) + " (pid " + this.receiver.pid()
						+ "): only " + PosixUsers.name(this.socket.libc(), (int) PosixUsers.currentUid())
						+ " may write (EACCES); it is discarded");
				return null;
			}
			sender = sender(this.receiver.pid(), uid);
		}
		return new MailslotMessage(this.receiver.bytes((int) length), sender);
	}

	/** The sender's identity; a run of messages from one writer shares one. */
	private PeerIdentity sender(int pid, int uid) {
		PeerIdentity last = this.lastSender;
		if (last == null || pid != this.lastPid || uid != this.lastUid) {
			last = new PeerIdentity(Integer.toUnsignedLong(pid), PosixUsers.name(this.socket.libc(), uid));
			this.lastSender = last;
			this.lastPid = pid;
			this.lastUid = uid;
		}
		return last;
	}

	private static int remainingMillis(@Nullable Duration timeout, long deadline) {
		if (timeout == null) {
			return -1;
		}
		long remaining = deadline - System.nanoTime();
		return (remaining <= 0) ? 0 : (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
	}

	@Override
	public OptionalInt nextMessageSize() throws IOException {
		this.readLock.lock();
		try {
			if (this.socket.isClosing()) {
				throw closedFailure();
			}
			long length = this.receiver.receive(true);
			if (length < 0) {
				int error = Native.getLastError();
				if (error == this.eagain) {
					return OptionalInt.empty();
				}
				throw PosixErrors.of("recvmsg", this.path, error, null);
			}
			return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, length));
		}
		finally {
			this.readLock.unlock();
		}
	}

	@Override
	public OptionalInt messageCount() {
		// No POSIX call counts the datagrams queued on a socket.
		return OptionalInt.empty();
	}

	@Override
	public void stopReceiving() {
		if (this.stopping) {
			return;
		}
		this.stopping = true;
		if (LINUX) {
			int error = this.socket.shutdownInput();
			if (error != 0) {
				logger.log(Level.DEBUG, () -> "shutdown(" + this.path + ") failed with errno " + error);
			}
		}
		else {
			this.socket.wake();
		}
		logger.log(Level.DEBUG, () -> "Stopped receiving on mailslot " + this.path);
	}

	@Override
	public void close() {
		if (!this.socket.startClosing()) {
			return;
		}
		// The read that the wake-up ends lets go of the lock; only then may the socket go.
		this.readLock.lock();
		try {
			SocketFiles.remove(this.path, this.fileKey);
			long queued = this.receiver.receive(true);
			if (queued >= 0 && !isEndOfInput(queued)) {
				logger.log(Level.WARNING, () -> "Closed mailslot " + this.path + " with messages still queued; they "
						+ "are discarded (stop receiving and read them first to keep them)");
			}
			this.socket.close();
			this.receiver.free();
		}
		finally {
			this.readLock.unlock();
		}
		logger.log(Level.DEBUG, () -> "Closed mailslot " + this.path);
	}

	private IpcException closedFailure() {
		return PosixErrors.of("recvmsg", this.path, "EBADF", "the mailslot reader is closed");
	}

	@Override
	public String toString() {
		return "PosixMailslotReader[" + this.path + "]";
	}

}
