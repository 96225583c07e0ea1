package dev.winipc.windows;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotWriter;
import dev.winipc.transport.OperationGate;

/**
 * A writer to {@code \\.\mailslot\NAME}: each message is {@code CreateFile(OPEN_EXISTING,
 * FILE_SHARE_READ | FILE_SHARE_WRITE)}, one overlapped {@code WriteFile}, {@code CloseHandle}.
 * <p>
 * The slot is opened for every message rather than once: each write then reaches the
 * reader that holds the name now (a handle kept open would write into a slot whose reader
 * has gone and, under Wine, keep the name from a reader that restarts), and a write with
 * no reader fails at once with {@code ERROR_FILE_NOT_FOUND}. With the default access the
 * slot's owner must be the current user, where the OS reports the owner of a writer's
 * handle (Windows does; Wine reports none). Windows completes mailslot writes at once;
 * one that stays pending (Wine, while the reader's queue is full) is cancelled after the
 * send timeout.
 * <p>
 * Windows since Vista lets writers that share only reading open a slot side by side;
 * Wine, like Windows XP, refuses a second one with {@code ERROR_SHARING_VIOLATION}. So
 * this writer shares writing too, which keeps winipc's writers out of each other's way
 * everywhere, and waits out a writer that does not (a classic one holding the slot open)
 * up to the send timeout.
 */
final class WindowsMailslotWriter implements MailslotWriter {

	private static final Logger logger = System.getLogger(WindowsMailslotWriter.class.getName());

	/** Pauses while another writer holds the slot open without sharing it. */
	private static final BackOffPolicy SHARING_BACK_OFF = BackOffPolicy.exponential(Duration.ofMillis(1), 2,
			Duration.ofMillis(50));

	/** Longest finite wait of {@code WaitForMultipleObjects}, an unsigned {@code DWORD}; one more is {@code INFINITE}. */
	private static final long LONGEST_WAIT_MILLIS = 0xFFFFFFFEL;

	private final Win32 win32;

	private final PipeSecurity security;

	private final MailslotOptions options;

	private final String path;

	private final HANDLE closeEvent;

	private final OverlappedIo writeIo;

	private final int sendTimeoutMillis;

	private final OperationGate gate = new OperationGate();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean ownerUnreported = new AtomicBoolean();

	private WindowsMailslotWriter(Win32 win32, PipeSecurity security, MailslotOptions options, HANDLE closeEvent,
			OverlappedIo writeIo) {
		this.win32 = win32;
		this.security = security;
		this.options = options;
		this.path = options.name().windowsName();
		this.closeEvent = closeEvent;
		this.writeIo = writeIo;
		this.sendTimeoutMillis = (int) Math.min(LONGEST_WAIT_MILLIS,
				ExponentialBackOff.saturatedNanos(options.sendTimeout()) / 1_000_000L);
	}

	/**
	 * Create a writer; it opens the slot on each write.
	 * @param win32 the Win32 binding
	 * @param security the objects' security
	 * @param options the mailslot's options
	 * @return the writer
	 * @throws IpcException if its event cannot be created
	 */
	static WindowsMailslotWriter open(Win32 win32, PipeSecurity security, MailslotOptions options)
			throws IpcException {
		String path = options.name().windowsName();
		HANDLE closeEvent = Win32Handles.createEvent(win32, true, path);
		try {
			OverlappedIo writeIo = new OverlappedIo(win32, closeEvent, Math.max(1, options.maxMessageSize()), path);
			return new WindowsMailslotWriter(win32, security, options, closeEvent, writeIo);
		}
		catch (IpcException | RuntimeException ex) {
			Win32Handles.close(win32, closeEvent, path);
			throw ex;
		}
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
	public void write(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (length > this.options.maxMessageSize()) {
			throw new IpcException("WriteFile", this.path, "a message of " + length + " bytes exceeds the maximum "
					+ "message size of " + this.options.maxMessageSize() + " bytes; it was not sent");
		}
		this.writeLock.lock();
		try {
			if (!this.gate.enter()) {
				throw closedFailure();
			}
			try {
				HANDLE slot = openSlot();
				try {
					writeTo(slot, bytes, offset, length);
				}
				finally {
					Win32Handles.close(this.win32, slot, this.path);
				}
			}
			finally {
				this.gate.exit();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private HANDLE openSlot() throws IOException {
		long deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(this.options.sendTimeout());
		BackOffPolicy.Sequence pauses = SHARING_BACK_OFF.start();
		HANDLE slot;
		while (true) {
			slot = this.win32.CreateFileW(this.path, WinNT.GENERIC_WRITE, WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE,
					null, WinNT.OPEN_EXISTING, WinNT.FILE_FLAG_OVERLAPPED, null);
			if (Win32Handles.isValid(slot)) {
				break;
			}
			int error = this.win32.lastError();
			if (error == WinError.ERROR_SHARING_VIOLATION && !this.gate.isShut() && pauses.pause(deadline)) {
				continue;
			}
			throw Win32Errors.failure("CreateFile", this.path, error,
					(error == WinError.ERROR_FILE_NOT_FOUND) ? "no reader has created the mailslot"
							: (error == WinError.ERROR_ACCESS_DENIED) ? "the mailslot's security does not let this "
									+ "user write"
									: (error == WinError.ERROR_SHARING_VIOLATION) ? "another writer held the slot "
											+ "open without sharing it for the send timeout of "
											+ this.options.sendTimeout() : null);
		}
		if (this.options.isCurrentUserOnly()) {
			try {
				if (!this.security.isOwnedByCurrentUser(slot, this.path, "CreateFile", "mailslot")
						&& this.ownerUnreported.compareAndSet(false, true)) {
					logger.log(Level.DEBUG, () -> "The OS reports no owner of " + this.path
							+ "; its writers cannot check it");
				}
			}
			catch (IpcException | RuntimeException ex) {
				Win32Handles.close(this.win32, slot, this.path);
				throw ex;
			}
		}
		return slot;
	}

	private void writeTo(HANDLE slot, byte[] bytes, int offset, int length) throws IpcException {
		Memory buffer = this.writeIo.buffer();
		if (length > 0) {
			buffer.write(0, bytes, offset, length);
		}
		boolean started = this.win32.WriteFile(slot, buffer, length, null, this.writeIo.begin());
		int written = this.writeIo.await(slot, started, this.sendTimeoutMillis);
		int error = this.writeIo.error();
		if (error == WinError.ERROR_OPERATION_ABORTED && this.writeIo.timedOut()) {
			throw Win32Errors.failure("WriteFile", this.path, WinError.ERROR_TIMEOUT,
					"the reader's queue stayed full for the send timeout of " + this.options.sendTimeout());
		}
		if (error != 0) {
			throw this.gate.isShut() ? closedFailure() : Win32Errors.failure("WriteFile", this.path, error);
		}
		if (written != length) {
			throw new IpcException("WriteFile", this.path, "wrote " + written + " of the message's " + length + " bytes");
		}
	}

	@Override
	public void close() {
		if (!this.gate.shut()) {
			return;
		}
		// Ends a write waiting for room; a message is never half written.
		this.win32.SetEvent(this.closeEvent);
		this.gate.awaitIdle();
		this.writeIo.free();
		Win32Handles.close(this.win32, this.closeEvent, this.path);
	}

	private IpcException closedFailure() {
		return Win32Errors.failure("WriteFile", this.path, WinError.ERROR_OPERATION_ABORTED,
				"the mailslot writer is closed");
	}

	@Override
	public String toString() {
		return "WindowsMailslotWriter[" + this.path + "]";
	}

}
