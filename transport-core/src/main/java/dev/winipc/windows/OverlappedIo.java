package dev.winipc.windows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * One slot for overlapped operations on a handle, used by one thread at a time: a native
 * {@code OVERLAPPED} block, the manual-reset event it signals and, for reads and writes,
 * a data buffer. The native memory stays put from the call that starts an operation until
 * {@link #await} has seen it complete, cancelled or not.
 * <p>
 * {@code OVERLAPPED} layout, {@code P} being the pointer size (8 on x64, 4 on x86):
 * <pre>
 *   0        Internal       ULONG_PTR  status of the completed operation
 *   P        InternalHigh   ULONG_PTR  bytes transferred
 *   2P       Offset         DWORD      } or one PVOID; a pipe ignores them,
 *   2P + 4   OffsetHigh     DWORD      } they must still be zero
 *   2P + 8   hEvent         HANDLE     signalled when the operation completes
 *   3P + 8   (size)
 * </pre>
 * An operation waits with {@code WaitForMultipleObjects(io event, wake event)}; the wake
 * event is the owner's shutdown or close event, so closing the owner ends every wait.
 */
final class OverlappedIo {

	private static final Logger logger = System.getLogger(OverlappedIo.class.getName());

	private static final int WAIT_OBJECT_IO = WinBase.WAIT_OBJECT_0;

	private final Win32 win32;

	private final String path;

	private final HANDLE event;

	private final Memory overlapped;

	private final int eventOffset;

	private final @Nullable Memory buffer;

	private final HANDLE[] waitHandles;

	private final IntByReference transferred = new IntByReference();

	private int error;

	private boolean timedOut;

	private boolean freed;

	/**
	 * Create the slot.
	 * @param win32 the Win32 binding
	 * @param wakeEvent the event that ends a wait early, e.g. the owner's close event
	 * @param bufferSize the data buffer's size, or {@code 0} for none (ConnectNamedPipe)
	 * @param path the pipe path, for error messages
	 * @throws IpcException if the event cannot be created
	 */
	OverlappedIo(Win32 win32, HANDLE wakeEvent, int bufferSize, String path) throws IpcException {
		this.win32 = win32;
		this.path = path;
		int pointerSize = Native.POINTER_SIZE;
		this.eventOffset = eventOffset(pointerSize);
		this.overlapped = new Memory(size(pointerSize));
		this.overlapped.clear();
		this.buffer = (bufferSize > 0) ? new Memory(bufferSize) : null;
		// Manual reset: the wait below and GetOverlappedResult both look at the event, and
		// an auto-reset event consumed by the first would hang the second.
		this.event = Win32Handles.createEvent(win32, true, path);
		this.overlapped.setPointer(this.eventOffset, this.event.getPointer());
		this.waitHandles = new HANDLE[] { this.event, wakeEvent };
	}

	/**
	 * Return the offset of {@code hEvent} in an {@code OVERLAPPED}.
	 * @param pointerSize the size of a pointer
	 * @return the offset
	 */
	static int eventOffset(int pointerSize) {
		return 2 * pointerSize + 8;
	}

	/**
	 * Return the size of an {@code OVERLAPPED}.
	 * @param pointerSize the size of a pointer
	 * @return the size
	 */
	static int size(int pointerSize) {
		return 3 * pointerSize + 8;
	}

	/**
	 * Return the data buffer.
	 * @return the buffer
	 */
	Memory buffer() {
		Memory memory = this.buffer;
		if (memory == null) {
			throw new IllegalStateException("This overlapped slot has no buffer");
		}
		return memory;
	}

	/**
	 * Reset the {@code OVERLAPPED} for a new operation.
	 * @return the {@code OVERLAPPED} to pass to the call that starts the operation
	 */
	Pointer begin() {
		this.overlapped.clear(this.eventOffset);
		this.error = 0;
		this.timedOut = false;
		return this.overlapped;
	}

	/**
	 * Finish a {@code ReadFile} or {@code WriteFile} started with {@link #begin()}: wait if
	 * it is pending, and collect its result. Call it right after the starting call, before
	 * any other call on the binding, so that its last error is still the starting call's.
	 * @param file the handle the operation runs on
	 * @param started what the starting call returned
	 * @return the bytes transferred; {@link #error()} tells how it ended
	 */
	int await(HANDLE file, boolean started) {
		return await(file, started, WinBase.INFINITE);
	}

	/**
	 * Finish an operation as {@link #await(HANDLE, boolean)} does, cancelling it if it is
	 * still pending after a timeout; {@link #timedOut()} then tells.
	 * @param file the handle the operation runs on
	 * @param started what the starting call returned
	 * @param timeoutMillis how long to wait for a pending operation, or {@code INFINITE}
	 * @return the bytes transferred; {@link #error()} tells how it ended
	 */
	int await(HANDLE file, boolean started, int timeoutMillis) {
		if (started) {
			return collect(file, false);
		}
		int startError = this.win32.lastError();
		if (startError == WinError.ERROR_IO_PENDING) {
			return awaitPending(file, timeoutMillis);
		}
		if (startError == WinError.ERROR_MORE_DATA) {
			// A warning, not a failure: the read completed with part of a message, and
			// the OVERLAPPED holds the count.
			return collect(file, false);
		}
		// A failure reported at once never reaches the OVERLAPPED; nothing is pending.
		this.error = startError;
		return 0;
	}

	/**
	 * Wait for an operation whose starting call failed with {@code ERROR_IO_PENDING}. When
	 * the wake event fires first (or a timed wait's timeout passes), cancel the operation
	 * and wait until the cancellation completed, so that the memory is free to reuse.
	 * @param file the handle the operation runs on
	 * @return the bytes transferred; {@link #error()} tells how it ended
	 */
	int awaitPending(HANDLE file) {
		return awaitPending(file, WinBase.INFINITE);
	}

	private int awaitPending(HANDLE file, int timeoutMillis) {
		int signalled = this.win32.WaitForMultipleObjects(this.waitHandles.length, this.waitHandles, false,
				timeoutMillis);
		this.timedOut = signalled == WinError.WAIT_TIMEOUT;
		if (signalled != WAIT_OBJECT_IO) {
			if (signalled == WinBase.WAIT_FAILED) {
				int waitError = this.win32.lastError();
				logger.log(Level.WARNING, () -> "WaitForMultipleObjects(" + this.path + ") failed: " + Win32Errors.describe(waitError)
						+ "; cancelling the operation");
			}
			if (!this.win32.CancelIoEx(file, this.overlapped)) {
				int cancelError = this.win32.lastError();
				// ERROR_NOT_FOUND: it completed meanwhile, and the result below is real.
				if (cancelError != WinError.ERROR_NOT_FOUND) {
					logger.log(Level.DEBUG, () -> "CancelIoEx(" + this.path + ") failed: " + Win32Errors.describe(cancelError));
				}
			}
		}
		return collect(file, true);
	}

	/**
	 * Return how the last operation ended.
	 * @return {@code 0} on success, {@code ERROR_MORE_DATA} for part of a message, else the
	 * Win32 error code
	 */
	int error() {
		return this.error;
	}

	/**
	 * Return whether the last operation was cancelled because its timeout passed; it
	 * may still have completed meanwhile, as {@link #error()} tells.
	 * @return {@code true} if the wait timed out
	 */
	boolean timedOut() {
		return this.timedOut;
	}

	/**
	 * Release the event and the native memory. Only once no operation can be pending.
	 */
	void free() {
		if (this.freed) {
			return;
		}
		this.freed = true;
		Win32Handles.close(this.win32, this.event, this.path);
		this.overlapped.close();
		if (this.buffer != null) {
			this.buffer.close();
		}
	}

	private int collect(HANDLE file, boolean wait) {
		boolean succeeded = this.win32.GetOverlappedResult(file, this.overlapped, this.transferred, wait);
		this.error = succeeded ? 0 : this.win32.lastError();
		return this.transferred.getValue();
	}

}
