package dev.winipc.windows;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.AbstractNamedMutex;
import dev.winipc.transport.MutexAcquisition;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * A named mutex on Windows: {@code CreateMutexW("Local\NAME")}.
 * <p>
 * Win32 gives a mutex to the OS thread that waited for it, and only that thread may
 * release it. Java threads do not map to OS threads for good (a virtual thread moves
 * between carriers; a close may come from any thread), so each handle has an owner
 * thread of its own, which makes every wait and {@code ReleaseMutex} on request: the
 * Win32 owner is always that one thread, whichever Java thread holds the mutex
 * ({@link AbstractNamedMutex} keeps count of that). {@code WAIT_ABANDONED} is reported as
 * {@link MutexAcquisition#ABANDONED}; closing a handle that holds the mutex releases it.
 */
final class WindowsNamedMutex extends AbstractNamedMutex {

	private static final Logger logger = System.getLogger(WindowsNamedMutex.class.getName());

	private final Win32 win32;

	private final HANDLE mutex;

	private final HANDLE closeEvent;

	private final HANDLE[] waitHandles;

	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

	private final Thread owner;

	private WindowsNamedMutex(Win32 win32, SyncOptions options, NamedKernelObjects.Opened opened, HANDLE closeEvent) {
		super(options, options.name().windowsName(), opened.created(), "WaitForMultipleObjects", "ReleaseMutex");
		this.win32 = win32;
		this.mutex = opened.handle();
		this.closeEvent = closeEvent;
		this.waitHandles = new HANDLE[] { this.mutex, closeEvent };
		this.owner = new Thread(this::serve, "winipc-mutex-" + options.name().name());
		this.owner.setDaemon(true);
	}

	static WindowsNamedMutex start(Win32 win32, SyncOptions options, NamedKernelObjects.Opened opened)
			throws IOException {
		HANDLE closeEvent;
		try {
			closeEvent = Win32Handles.createEvent(win32, true, options.name().windowsName());
		}
		catch (IOException | RuntimeException ex) {
			Win32Handles.close(win32, opened.handle(), options.name().windowsName());
			throw ex;
		}
		WindowsNamedMutex mutex = new WindowsNamedMutex(win32, options, opened, closeEvent);
		mutex.owner.start();
		return mutex;
	}

	@Override
	protected MutexAcquisition acquireInOs(WaitDeadline deadline) throws IOException {
		Request request = new Request(Request.Action.ACQUIRE, deadline);
		this.requests.add(request);
		try {
			return request.result.get();
		}
		catch (InterruptedException ex) {
			// The owner sees the cancel within a slice; it may have got the mutex first.
			request.cancelled = true;
			MutexAcquisition late = outcome(request, true);
			if (late != null && late.isAcquired()) {
				releaseInOs();
			}
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("WaitForMultipleObjects(" + osName() + ") was interrupted");
		}
		catch (ExecutionException ex) {
			throw unwrap(ex);
		}
	}

	@Override
	protected void releaseInOs() throws IOException {
		Request request = new Request(Request.Action.RELEASE, WaitDeadline.forever());
		this.requests.add(request);
		outcome(request, false);
	}

	@Override
	protected void wakeInOs() {
		Win32Handles.wake(this.win32, this.closeEvent, osName());
	}

	@Override
	protected void closeInOs() {
		Request stop = new Request(Request.Action.STOP, WaitDeadline.forever());
		this.requests.add(stop);
		try {
			outcome(stop, false);
		}
		catch (IOException ex) {
			// the owner thread ends in any case
		}
		Win32Handles.close(this.win32, this.mutex, osName());
		Win32Handles.close(this.win32, this.closeEvent, osName());
	}

	/**
	 * Wait for a request's outcome without being interrupted (the interrupt is kept), or
	 * with {@code quietly} its failure swallowed.
	 */
	private @Nullable MutexAcquisition outcome(Request request, boolean quietly) throws IOException {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return request.result.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (quietly) {
						return null;
					}
					throw unwrap(ex);
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static IOException unwrap(ExecutionException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof IOException io) {
			return io;
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IOException(cause);
	}

	/** The owner thread: the one OS thread that waits for and releases the mutex. */
	private void serve() {
		while (true) {
			Request request;
			try {
				request = this.requests.take();
			}
			catch (InterruptedException ex) {
				// nobody interrupts this thread; a close stops it with a request
				continue;
			}
			try {
				switch (request.action) {
					case ACQUIRE -> request.result.complete(waitForMutex(request));
					case RELEASE -> {
						if (!this.win32.ReleaseMutex(this.mutex)) {
							throw Win32Errors.failure("ReleaseMutex", osName(), this.win32.lastError());
						}
						request.result.complete(MutexAcquisition.ACQUIRED);
					}
					case STOP -> {
						request.result.complete(MutexAcquisition.ACQUIRED);
						return;
					}
				}
			}
			catch (Throwable ex) {
				// Errors too: the caller waits on this request's outcome, and every later
				// request on this thread, so it must end and the thread keep serving.
				request.result.completeExceptionally(ex);
			}
		}
	}

	private MutexAcquisition waitForMutex(Request request) throws IOException {
		int result = KernelWaits.await(this.win32, this.waitHandles, request.deadline, osName(), () -> {
			if (request.cancelled) {
				throw new InterruptedIOException("WaitForMultipleObjects(" + osName() + ") was interrupted");
			}
		});
		if (result == KernelWaits.WOKEN) {
			throw closedException("WaitForMultipleObjects");
		}
		if (result == KernelWaits.ABANDONED) {
			logger.log(Level.WARNING, () -> "The mutex " + osName() + " was abandoned: its holder ended without "
					+ "releasing it (WAIT_ABANDONED)");
			return MutexAcquisition.ABANDONED;
		}
		return (result == KernelWaits.SIGNALLED) ? MutexAcquisition.ACQUIRED : MutexAcquisition.TIMED_OUT;
	}

	/**
	 * One thing for the owner thread to do.
	 */
	private static final class Request {

		private final Action action;

		private final WaitDeadline deadline;

		private final CompletableFuture<MutexAcquisition> result = new CompletableFuture<>();

		private volatile boolean cancelled;

		Request(Action action, WaitDeadline deadline) {
			this.action = action;
			this.deadline = deadline;
		}

		enum Action {

			ACQUIRE, RELEASE, STOP

		}

	}

}
