package dev.winipc.windows;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.MailslotMessage;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.OperationGate;
import dev.winipc.transport.PeerIdentity;

/**
 * The reader of {@code \\.\mailslot\NAME}: the handle {@code CreateMailslot} returns, read
 * with overlapped {@code ReadFile} into a buffer one byte larger than the maximum message
 * size, so that a message the OS let through above it is seen and refused.
 * <p>
 * A read waits with {@code WaitForMultipleObjects(read event, wake event)}; closing or
 * stopping signals the wake event and cancels the read. Wine's {@code ReadFile} on a
 * mailslot blocks inside the call instead, where neither reaches it: the reader then also
 * writes a wake-up of its own to the slot, a random token that the read recognises and
 * skips. Wine reads a zero-length message as {@code ERROR_BROKEN_PIPE}, which a mailslot
 * has no other use for; the reader takes it for the empty message it is.
 */
final class WindowsMailslotReader implements MailslotReader {

	private static final Logger logger = System.getLogger(WindowsMailslotReader.class.getName());

	private static final byte[] EMPTY = new byte[0];

	/** Longest wake-up token; a slot of smaller messages gets a shorter one. */
	private static final int TOKEN_SIZE = 16;

	/** Most queued messages a close reads through to count what it discards. */
	private static final int DISCARD_LIMIT = 10_000;

	private final Win32 win32;

	private final MailslotOptions options;

	private final String path;

	private final HANDLE handle;

	private final HANDLE wakeEvent;

	private final OverlappedIo readIo;

	private final WindowsMailslotWriter waker;

	private final byte[] token;

	private final OperationGate gate = new OperationGate();

	private final ReentrantLock readLock = new ReentrantLock();

	private final Object stateLock = new Object();

	private volatile boolean stopping;

	private WindowsMailslotReader(Win32 win32, MailslotOptions options, HANDLE handle, HANDLE wakeEvent,
			OverlappedIo readIo, WindowsMailslotWriter waker, byte[] token) {
		this.win32 = win32;
		this.options = options;
		this.path = options.name().windowsName();
		this.handle = handle;
		this.wakeEvent = wakeEvent;
		this.readIo = readIo;
		this.waker = waker;
		this.token = token;
	}

	/**
	 * Create the mailslot; a name that exists already is an error.
	 * @param win32 the Win32 binding
	 * @param security the objects' security
	 * @param options the mailslot's options
	 * @return the reader
	 * @throws IpcException naming the slot if Win32 refuses, e.g. with
	 * {@code ERROR_ALREADY_EXISTS} when another reader holds the name
	 */
	static WindowsMailslotReader open(Win32 win32, PipeSecurity security, MailslotOptions options)
			throws IpcException {
		String path = options.name().windowsName();
		Pointer descriptor = security.securityDescriptor(
				security.sddlFor(options.access(), path), path);
		HANDLE handle;
		int error;
		try {
			handle = win32.CreateMailslotW(path, options.maxMessageSize(), readTimeout(options.readTimeout()),
					PipeSecurity.attributes(descriptor));
			// Now: LocalFree sets the last error too.
			error = Win32Handles.isValid(handle) ? 0 : win32.lastError();
		}
		finally {
			// The mailslot keeps a copy of the descriptor.
			win32.LocalFree(descriptor);
		}
		if (error != 0) {
			throw Win32Errors.failure("CreateMailslot", path, error,
					(error == WinError.ERROR_ALREADY_EXISTS) ? "another reader holds the mailslot's name" : null);
		}
		@Nullable HANDLE wakeEvent = null;
		@Nullable OverlappedIo readIo = null;
		try {
			wakeEvent = Win32Handles.createEvent(win32, true, path);
			readIo = new OverlappedIo(win32, wakeEvent, options.maxMessageSize() + 1, path);
			byte[] token = new byte[Math.min(TOKEN_SIZE, options.maxMessageSize())];
			new SecureRandom().nextBytes(token);
			// A wake-up never waits for room: a full queue means no read is waiting.
			WindowsMailslotWriter waker = WindowsMailslotWriter.open(win32, security,
					options.toBuilder().sendTimeout(Duration.ZERO).build());
			logger.log(Level.DEBUG, () -> "Reading mailslot " + path + " as " + options);
			return new WindowsMailslotReader(win32, options, handle, wakeEvent, readIo, waker, token);
		}
		catch (IpcException | RuntimeException ex) {
			if (readIo != null) {
				readIo.free();
			}
			Win32Handles.close(win32, wakeEvent, path);
			Win32Handles.close(win32, handle, path);
			throw ex;
		}
	}

	/** The {@code lReadTimeout} of {@code CreateMailslot}. */
	private static int readTimeout(@Nullable Duration timeout) {
		return (timeout != null) ? (int) timeout.toMillis() : Win32.MAILSLOT_WAIT_FOREVER;
	}

	@Override
	public MailslotOptions options() {
		return this.options;
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public @Nullable MailslotMessage read() throws IOException {
		this.readLock.lock();
		try {
			enter();
			try {
				while (true) {
					if (this.gate.isShut()) {
						throw closedFailure();
					}
					if (this.stopping && !isMessageWaiting()) {
						return null;
					}
					Memory buffer = this.readIo.buffer();
					boolean started = this.win32.ReadFile(this.handle, buffer, (int) buffer.size(), null,
							this.readIo.begin());
					int count = this.readIo.await(this.handle, started);
					int error = this.readIo.error();
					if (error == 0) {
						if (isToken(buffer, count)) {
							continue;
						}
						if (count > this.options.maxMessageSize()) {
							// Only where the OS did not enforce the slot's maximum on the write.
							throw oversize("more than " + this.options.maxMessageSize());
						}
						return new MailslotMessage((count == 0) ? EMPTY : buffer.getByteArray(0, count),
								PeerIdentity.UNKNOWN);
					}
					if (error == WinError.ERROR_BROKEN_PIPE && count == 0) {
						return new MailslotMessage(EMPTY, PeerIdentity.UNKNOWN);
					}
					if (error == WinError.ERROR_SEM_TIMEOUT && !this.stopping) {
						return null;
					}
					if (error == WinError.ERROR_INSUFFICIENT_BUFFER) {
						discardOversize();
					}
					if (error != WinError.ERROR_OPERATION_ABORTED && error != WinError.ERROR_SEM_TIMEOUT) {
						throw Win32Errors.failure("ReadFile", this.path, error);
					}
					if (!this.stopping && !this.gate.isShut()) {
						throw Win32Errors.failure("ReadFile", this.path, error, "the read was cancelled");
					}
				}
			}
			finally {
				this.gate.exit();
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	private boolean isToken(Memory buffer, int count) {
		return count == this.token.length && Arrays.equals(buffer.getByteArray(0, count), this.token);
	}

	/**
	 * Take a message larger than the read buffer out of the slot (Windows keeps it there
	 * after {@code ERROR_INSUFFICIENT_BUFFER}), and fail naming its size.
	 */
	private void discardOversize() throws IpcException {
		OptionalInt size = nextSize();
		if (size.isEmpty()) {
			throw oversize("more than " + this.options.maxMessageSize());
		}
		OverlappedIo discard = new OverlappedIo(this.win32, this.wakeEvent, Math.max(1, size.getAsInt()), this.path);
		try {
			Memory buffer = discard.buffer();
			boolean started = this.win32.ReadFile(this.handle, buffer, (int) buffer.size(), null, discard.begin());
			discard.await(this.handle, started);
		}
		finally {
			discard.free();
		}
		throw oversize(Integer.toString(size.getAsInt()));
	}

	private IpcException oversize(String size) {
		return new IpcException("ReadFile", this.path, "a message of " + size + " bytes exceeds the maximum message "
				+ "size of " + this.options.maxMessageSize() + " bytes; it is discarded");
	}

	@Override
	public OptionalInt nextMessageSize() throws IOException {
		enter();
		try {
			return nextSize();
		}
		finally {
			this.gate.exit();
		}
	}

	@Override
	public OptionalInt messageCount() throws IOException {
		enter();
		try {
			IntByReference count = new IntByReference();
			if (!this.win32.GetMailslotInfo(this.handle, null, null, count, null)) {
				throw Win32Errors.failure("GetMailslotInfo", this.path, this.win32.lastError());
			}
			return OptionalInt.of(count.getValue());
		}
		finally {
			this.gate.exit();
		}
	}

	private OptionalInt nextSize() throws IpcException {
		IntByReference next = new IntByReference();
		if (!this.win32.GetMailslotInfo(this.handle, null, next, null, null)) {
			throw Win32Errors.failure("GetMailslotInfo", this.path, this.win32.lastError());
		}
		return (next.getValue() == Win32.MAILSLOT_NO_MESSAGE) ? OptionalInt.empty() : OptionalInt.of(next.getValue());
	}

	private boolean isMessageWaiting() throws IpcException {
		return nextSize().isPresent();
	}

	@Override
	public void stopReceiving() {
		synchronized (this.stateLock) {
			if (this.stopping || this.gate.isShut()) {
				return;
			}
			this.stopping = true;
			wake();
		}
		logger.log(Level.DEBUG, () -> "Stopped receiving on mailslot " + this.path);
	}

	@Override
	public void close() {
		synchronized (this.stateLock) {
			if (!this.gate.shut()) {
				return;
			}
			wake();
		}
		this.gate.awaitIdle();
		int discarded = discardQueued();
		if (discarded > 0) {
			logger.log(Level.WARNING, () -> "Closed mailslot " + this.path + " with " + discarded + " message(s) "
					+ "still queued; they are discarded (stop receiving and read them first to keep them)");
		}
		Win32Handles.close(this.win32, this.handle, this.path);
		this.readIo.free();
		this.waker.close();
		Win32Handles.close(this.win32, this.wakeEvent, this.path);
		logger.log(Level.DEBUG, () -> "Closed mailslot " + this.path);
	}

	/**
	 * End a read that waits: the wake event and a cancellation end a pending one, a token
	 * written to the slot one blocked inside {@code ReadFile}.
	 */
	private void wake() {
		this.win32.SetEvent(this.wakeEvent);
		if (!this.win32.CancelIoEx(this.handle, null)) {
			int error = this.win32.lastError();
			if (error != WinError.ERROR_NOT_FOUND) {
				logger.log(Level.DEBUG, () -> "CancelIoEx(" + this.path + ") failed: " + Win32Errors.describe(error));
			}
		}
		try {
			this.waker.write(this.token, 0, this.token.length);
		}
		catch (IOException ex) {
			logger.log(Level.DEBUG, () -> "No wake-up token for " + this.path + ": " + ex.getMessage());
		}
	}

	/** Read through what is still queued at close, so that the warning can count it. */
	private int discardQueued() {
		int discarded = 0;
		try {
			for (int i = 0; i < DISCARD_LIMIT && isMessageWaiting(); i++) {
				Memory buffer = this.readIo.buffer();
				boolean started = this.win32.ReadFile(this.handle, buffer, (int) buffer.size(), null,
						this.readIo.begin());
				int count = this.readIo.await(this.handle, started);
				if (!(this.readIo.error() == 0 && isToken(buffer, count))) {
					discarded++;
				}
			}
		}
		catch (IpcException ex) {
			logger.log(Level.DEBUG, () -> "Cannot tell what is still queued on " + this.path, ex);
		}
		return discarded;
	}

	private void enter() throws IpcException {
		if (!this.gate.enter()) {
			throw closedFailure();
		}
	}

	private IpcException closedFailure() {
		return Win32Errors.failure("ReadFile", this.path, WinError.ERROR_OPERATION_ABORTED,
				"the mailslot reader is closed");
	}

	@Override
	public String toString() {
		return "WindowsMailslotReader[" + this.path + "]";
	}

}
