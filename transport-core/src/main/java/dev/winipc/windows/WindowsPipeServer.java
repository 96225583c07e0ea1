package dev.winipc.windows;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

/**
 * The server end of {@code \\.\pipe\NAME}: one pipe instance per client.
 * <p>
 * The first instance is created at once with {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, so a
 * name someone else already serves or squats is an error here rather than a silent join.
 * One instance always waits for the next client, even between {@link #accept()} calls
 * (a client may connect to it before {@code ConnectNamedPipe}; Win32 then reports
 * {@code ERROR_PIPE_CONNECTED}), which also keeps the name held while clients come and go.
 */
final class WindowsPipeServer implements PipeServer {

	private static final Logger logger = System.getLogger(WindowsPipeServer.class.getName());

	/** How long accept() waits, at most, for a busy instance to close before trying again. */
	private static final int INSTANCE_RETRY_MILLIS = 1000;

	/** Index of the shutdown event in {@link #busyWaitHandles}. */
	private static final int WAIT_SHUTDOWN = WinBase.WAIT_OBJECT_0;

	private final Win32 win32;

	private final WindowsAccounts accounts;

	private final PipeOptions options;

	private final String path;

	private final Pointer securityDescriptor;

	private final SECURITY_ATTRIBUTES securityAttributes;

	private final HANDLE shutdownEvent;

	private final HANDLE instanceFreedEvent;

	private final HANDLE[] busyWaitHandles;

	private final OverlappedIo connectIo;

	private final ReentrantLock acceptLock = new ReentrantLock();

	private final Object stateLock = new Object();

	private volatile boolean closed;

	private @Nullable HANDLE listening;

	private WindowsPipeServer(Win32 win32, WindowsAccounts accounts, PipeOptions options, Pointer securityDescriptor,
			HANDLE shutdownEvent, HANDLE instanceFreedEvent, OverlappedIo connectIo) {
		this.win32 = win32;
		this.accounts = accounts;
		this.options = options;
		this.path = options.name().windowsName();
		this.securityDescriptor = securityDescriptor;
		this.securityAttributes = PipeSecurity.attributes(securityDescriptor);
		this.shutdownEvent = shutdownEvent;
		this.instanceFreedEvent = instanceFreedEvent;
		this.busyWaitHandles = new HANDLE[] { shutdownEvent, instanceFreedEvent };
		this.connectIo = connectIo;
	}

	/**
	 * Create the pipe and its first instance.
	 * @param win32 the Win32 binding
	 * @param security the pipe security
	 * @param accounts the account lookups, for peer identities
	 * @param options the pipe's options
	 * @return the server
	 * @throws IpcException naming the pipe if Win32 refuses, e.g. with
	 * {@code ERROR_ACCESS_DENIED} when the name is already served
	 */
	static WindowsPipeServer open(Win32 win32, PipeSecurity security, WindowsAccounts accounts, PipeOptions options)
			throws IOException {
		String path = options.name().windowsName();
		Pointer descriptor = security.securityDescriptor(security.sddlFor(options, path), path);
		@Nullable HANDLE shutdownEvent = null;
		@Nullable HANDLE instanceFreedEvent = null;
		@Nullable OverlappedIo connectIo = null;
		try {
			shutdownEvent = Win32Handles.createEvent(win32, true, path);
			instanceFreedEvent = Win32Handles.createEvent(win32, false, path);
			connectIo = new OverlappedIo(win32, shutdownEvent, 0, path);
			WindowsPipeServer server = new WindowsPipeServer(win32, accounts, options, descriptor, shutdownEvent,
					instanceFreedEvent, connectIo);
			server.claimName();
			logger.log(Level.DEBUG, () -> "Serving " + path + " as " + options);
			return server;
		}
		catch (IOException | RuntimeException ex) {
			if (connectIo != null) {
				connectIo.free();
			}
			Win32Handles.close(win32, instanceFreedEvent, path);
			Win32Handles.close(win32, shutdownEvent, path);
			win32.LocalFree(descriptor);
			throw ex;
		}
	}

	@Override
	public PipeOptions options() {
		return this.options;
	}

	private void claimName() throws IpcException {
		// Under the lock, which every later reader of the field takes as well.
		this.acceptLock.lock();
		try {
			this.listening = createInstance(true);
		}
		finally {
			this.acceptLock.unlock();
		}
	}

	@Override
	public PipeConnection accept() throws IOException {
		this.acceptLock.lock();
		try {
			requireOpen();
			HANDLE instance = takeListeningInstance();
			try {
				connect(instance);
				if (this.closed) {
					throw closedFailure();
				}
			}
			catch (IOException | RuntimeException ex) {
				Win32Handles.close(this.win32, instance, this.path);
				throw ex;
			}
			prepareNextInstance();
			PeerIdentity peer = this.accounts.clientOf(instance, this.path);
			WindowsPipeConnection connection = WindowsPipeConnection.open(this.win32, instance, this.options, peer,
					this::connectionClosed);
			logger.log(Level.DEBUG, () -> "Accepted " + connection);
			return connection;
		}
		finally {
			this.acceptLock.unlock();
		}
	}

	@Override
	public void close() {
		synchronized (this.stateLock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.win32.SetEvent(this.shutdownEvent);
		// A waiting accept() wakes on the event, cancels its ConnectNamedPipe, waits for
		// the cancellation and lets go of the lock: only then is the handle free to close.
		this.acceptLock.lock();
		try {
			Win32Handles.close(this.win32, this.listening, this.path);
			this.listening = null;
			this.connectIo.free();
		}
		finally {
			this.acceptLock.unlock();
		}
		// No connection signals this event any more: connectionClosed() sees closed first.
		Win32Handles.close(this.win32, this.instanceFreedEvent, this.path);
		Win32Handles.close(this.win32, this.shutdownEvent, this.path);
		this.win32.LocalFree(this.securityDescriptor);
		logger.log(Level.DEBUG, () -> "Stopped serving " + this.path);
	}

	@Override
	public String toString() {
		return "WindowsPipeServer[" + this.path + "]";
	}

	/**
	 * Return an instance for the next client: the one waiting already, else a new one,
	 * waiting while every instance the pipe allows is serving a client.
	 */
	private HANDLE takeListeningInstance() throws IpcException {
		HANDLE instance = this.listening;
		if (instance != null) {
			this.listening = null;
			return instance;
		}
		while (true) {
			// Not FILE_FLAG_FIRST_PIPE_INSTANCE even when every instance of ours has closed:
			// a client still holding its end keeps the pipe alive, and the flag would then
			// fail as if the name were squatted. A pipe that was squatted meanwhile has
			// another owner, which clients refuse.
			instance = tryCreateInstance();
			if (instance != null) {
				return instance;
			}
			int signalled = this.win32.WaitForMultipleObjects(this.busyWaitHandles.length, this.busyWaitHandles, false,
					INSTANCE_RETRY_MILLIS);
			if (signalled == WAIT_SHUTDOWN) {
				throw closedFailure();
			}
			if (signalled == WinBase.WAIT_FAILED) {
				throw Win32Errors.failure("WaitForMultipleObjects", this.path, this.win32.lastError());
			}
		}
	}

	/**
	 * Have an instance wait for the next client right away, so that clients queue on it
	 * instead of seeing {@code ERROR_PIPE_BUSY}; failing that, the next accept() tries
	 * again and reports the failure.
	 */
	private void prepareNextInstance() {
		try {
			this.listening = tryCreateInstance();
		}
		catch (IpcException ex) {
			logger.log(Level.DEBUG, () -> "No instance of " + this.path + " waits for the next client yet", ex);
		}
	}

	/**
	 * Create an instance, or return {@code null} if the pipe has its maximum number of
	 * instances already.
	 */
	private @Nullable HANDLE tryCreateInstance() throws IpcException {
		try {
			return createInstance(false);
		}
		catch (IpcException ex) {
			if (ex.getErrorCode() == WinError.ERROR_PIPE_BUSY) {
				logger.log(Level.TRACE, () -> "All " + this.options.maxInstances() + " instances of " + this.path + " are busy");
				return null;
			}
			throw ex;
		}
	}

	private HANDLE createInstance(boolean first) throws IpcException {
		int openMode = WinBase.PIPE_ACCESS_DUPLEX | WinNT.FILE_FLAG_OVERLAPPED
				| (first ? Win32.FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
		int pipeMode = ((this.options.mode() == PipeMode.MESSAGE)
				? WinBase.PIPE_TYPE_MESSAGE | WinBase.PIPE_READMODE_MESSAGE
				: WinBase.PIPE_TYPE_BYTE | WinBase.PIPE_READMODE_BYTE) | WinBase.PIPE_WAIT
				| WinBase.PIPE_REJECT_REMOTE_CLIENTS;
		// nDefaultTimeOut 0: the 50 ms default, used only by clients that ask for it.
		HANDLE instance = this.win32.CreateNamedPipeW(this.path, openMode, pipeMode, this.options.maxInstances(),
				this.options.bufferSize(), this.options.bufferSize(), 0, this.securityAttributes);
		if (!Win32Handles.isValid(instance)) {
			int error = this.win32.lastError();
			throw Win32Errors.failure("CreateNamedPipe", this.path, error,
					(first && error == WinError.ERROR_ACCESS_DENIED)
							? "the name is already served by another server, or squatted by another process" : null);
		}
		return instance;
	}

	/**
	 * Wait until a client is connected to an instance, or was: a client may connect to
	 * the waiting instance, write and close before accept() runs. Win32 then reports
	 * {@code ERROR_NO_DATA}, yet what the client wrote is still there to read, followed
	 * by the end of the stream; dropping the instance would lose it.
	 */
	private void connect(HANDLE instance) throws IpcException {
		if (this.win32.ConnectNamedPipe(instance, this.connectIo.begin())) {
			return;
		}
		int error = this.win32.lastError();
		if (error == WinError.ERROR_IO_PENDING) {
			this.connectIo.awaitPending(instance);
			error = this.connectIo.error();
		}
		if (error == 0 || error == WinError.ERROR_PIPE_CONNECTED) {
			return;
		}
		if (this.closed) {
			throw closedFailure();
		}
		if (error == WinError.ERROR_NO_DATA) {
			logger.log(Level.DEBUG, () -> "A client of " + this.path + " closed before it was accepted; serving what it wrote");
			return;
		}
		throw Win32Errors.failure("ConnectNamedPipe", this.path, error);
	}

	private void connectionClosed() {
		synchronized (this.stateLock) {
			if (!this.closed) {
				this.win32.SetEvent(this.instanceFreedEvent);
			}
		}
	}

	private void requireOpen() throws IpcException {
		if (this.closed) {
			throw closedFailure();
		}
	}

	private IpcException closedFailure() {
		return Win32Errors.failure("ConnectNamedPipe", this.path, WinError.ERROR_OPERATION_ABORTED,
				"the server is closed");
	}

}
