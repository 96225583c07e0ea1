package dev.winipc.windows;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;

import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;

/**
 * The client end of {@code \\.\pipe\NAME}.
 * <p>
 * {@link #connect()} opens the pipe with {@code SECURITY_IDENTIFICATION} (the server may
 * learn who the client is but not act as it), waits with {@code WaitNamedPipe} while
 * every instance is busy and retries, pausing as the options' back-off says, while the
 * pipe does not exist yet, up to the connect timeout. In the default current-user mode it then refuses a pipe whose owner is not the
 * current user.
 */
final class WindowsPipeClient implements PipeClient {

	private static final Logger logger = System.getLogger(WindowsPipeClient.class.getName());

	/** Longest single {@code WaitNamedPipe}: a stop is seen between two of them. */
	static final long WAIT_SLICE_MILLIS = 100;

	private static final int OPEN_FLAGS = WinNT.FILE_FLAG_OVERLAPPED | Win32.SECURITY_SQOS_PRESENT
			| Win32.SECURITY_IDENTIFICATION;

	private final Win32 win32;

	private final PipeSecurity security;

	private final WindowsAccounts accounts;

	private final PipeOptions options;

	private final String path;

	private final AtomicLong busyWaits = new AtomicLong();

	WindowsPipeClient(Win32 win32, PipeSecurity security, WindowsAccounts accounts, PipeOptions options) {
		this.win32 = win32;
		this.security = security;
		this.accounts = accounts;
		this.options = options;
		this.path = options.name().windowsName();
	}

	@Override
	public PipeOptions options() {
		return this.options;
	}

	@Override
	public PipeConnection connect() throws IOException {
		HANDLE handle = open();
		PeerIdentity peer;
		try {
			if (this.options.mode() == PipeMode.MESSAGE) {
				setMessageReadMode(handle);
			}
			if (this.options.isCurrentUserOnly()) {
				this.security.requireOwnedByCurrentUser(handle, this.path);
			}
			peer = this.accounts.serverOf(handle, this.path);
		}
		catch (IOException | RuntimeException ex) {
			Win32Handles.close(this.win32, handle, this.path);
			throw ex;
		}
		WindowsPipeConnection connection = WindowsPipeConnection.open(this.win32, handle, this.options, peer, () -> {
		});
		logger.log(Level.DEBUG, () -> "Connected " + connection);
		return connection;
	}

	@Override
	public String toString() {
		return "WindowsPipeClient[" + this.path + "]";
	}

	/**
	 * Return the milliseconds to pass to {@code WaitNamedPipe} for what is left of the
	 * connect timeout, at most one slice so that an interrupt is seen between waits:
	 * never {@code 0} ({@code NMPWAIT_USE_DEFAULT_WAIT}, the server's default) nor
	 * {@code -1} ({@code NMPWAIT_WAIT_FOREVER}).
	 * @param remainingNanos the time left, positive
	 * @return the timeout, 1 to {@value #WAIT_SLICE_MILLIS}
	 */
	static int waitNamedPipeMillis(long remainingNanos) {
		long millis = TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1;
		return (int) Math.max(1, Math.min(millis, WAIT_SLICE_MILLIS));
	}

	private HANDLE open() throws IOException {
		long deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(this.options.connectTimeout());
		BackOffPolicy.Sequence pauses = this.options.backOff().start();
		while (true) {
			HANDLE handle = this.win32.CreateFileW(this.path, WinNT.GENERIC_READ | WinNT.GENERIC_WRITE, 0, null,
					WinNT.OPEN_EXISTING, OPEN_FLAGS, null);
			if (Win32Handles.isValid(handle)) {
				return handle;
			}
			int error = this.win32.lastError();
			long remainingNanos = deadline - System.nanoTime();
			if (error == WinError.ERROR_PIPE_BUSY) {
				if (remainingNanos <= 0) {
					throw Win32Errors.failure("CreateFile", this.path, error,
							"every instance stayed busy for " + this.options.connectTimeout());
				}
				this.busyWaits.incrementAndGet();
				// Wakes as soon as an instance waits for a client; the loop then races
				// other clients for it with CreateFile.
				if (!this.win32.WaitNamedPipeW(this.path, waitNamedPipeMillis(remainingNanos))) {
					int waitError = this.win32.lastError();
					if (waitError != WinError.ERROR_SEM_TIMEOUT && waitError != WinError.ERROR_FILE_NOT_FOUND) {
						logger.log(Level.DEBUG, () -> "WaitNamedPipe(" + this.path + ") failed: "
								+ Win32Errors.describe(waitError));
						pauses.pause(deadline);
					}
				}
				if (Thread.currentThread().isInterrupted()) {
					throw interrupted();
				}
			}
			else if (error == WinError.ERROR_FILE_NOT_FOUND) {
				// WaitNamedPipe cannot wait for a pipe that does not exist yet.
				if (!pauses.pause(deadline)) {
					throw Win32Errors.failure("CreateFile", this.path, error,
							"no server within " + this.options.connectTimeout());
				}
			}
			else {
				throw Win32Errors.failure("CreateFile", this.path, error,
						(error == WinError.ERROR_ACCESS_DENIED) ? "the pipe's security does not let this user in"
								: null);
			}
		}
	}

	private InterruptedIOException interrupted() {
		return new InterruptedIOException("Interrupted while connecting to " + this.path);
	}

	/**
	 * Return how many times this client waited with {@code WaitNamedPipe} because every
	 * instance of the pipe was busy.
	 * @return the count since the client was created
	 */
	long busyWaits() {
		return this.busyWaits.get();
	}

	private void setMessageReadMode(HANDLE handle) throws IpcException {
		IntByReference mode = new IntByReference(WinBase.PIPE_READMODE_MESSAGE | WinBase.PIPE_WAIT);
		if (!this.win32.SetNamedPipeHandleState(handle, mode, null, null)) {
			int error = this.win32.lastError();
			throw Win32Errors.failure("SetNamedPipeHandleState", this.path, error,
					(error == WinError.ERROR_INVALID_PARAMETER)
							? "PipeMode.MESSAGE needs a message-type pipe; the server may serve PipeMode.BYTE" : null);
		}
	}

}
