package dev.winipc.windows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * Creating, checking and closing the plain kernel handles the backend holds.
 */
final class Win32Handles {

	private static final Logger logger = System.getLogger(Win32Handles.class.getName());

	private Win32Handles() {
	}

	/**
	 * Return whether a handle returned by Win32 is usable: neither {@code NULL} (what
	 * {@code CreateEvent} and {@code OpenProcess} fail with) nor
	 * {@code INVALID_HANDLE_VALUE} (what {@code CreateFile} and {@code CreateNamedPipe}
	 * fail with).
	 * @param handle the handle
	 * @return whether it is valid
	 */
	static boolean isValid(@Nullable HANDLE handle) {
		return handle != null && handle.getPointer() != null && !WinBase.INVALID_HANDLE_VALUE.equals(handle);
	}

	/**
	 * Create an unnamed, initially unsignalled event.
	 * @param win32 the Win32 binding
	 * @param manualReset whether it stays signalled until reset
	 * @param path the endpoint it serves, for the error message
	 * @return the event
	 * @throws IpcException if Win32 refuses
	 */
	static HANDLE createEvent(Win32 win32, boolean manualReset, String path) throws IpcException {
		HANDLE event = win32.CreateEventW(null, manualReset, false, null);
		if (event == null || !isValid(event)) {
			throw Win32Errors.failure("CreateEvent", path, win32.lastError());
		}
		return event;
	}

	/**
	 * Set a handle's close event so that every wait on it ends at once, logging rather
	 * than throwing if Win32 refuses: the waits then end within their slice.
	 * @param win32 the Win32 binding
	 * @param closeEvent the event
	 * @param path the object it serves, for the log
	 */
	static void wake(Win32 win32, HANDLE closeEvent, String path) {
		if (!win32.SetEvent(closeEvent)) {
			int error = win32.lastError();
			logger.log(Level.WARNING, () -> "SetEvent(" + path + ") to close it failed: " + Win32Errors.describe(error));
		}
	}

	/**
	 * Close a handle, logging rather than throwing if Win32 refuses: by then there is
	 * nothing left to do about it.
	 * @param win32 the Win32 binding
	 * @param handle the handle, or {@code null}
	 * @param path the endpoint it served, for the log
	 */
	static void close(Win32 win32, @Nullable HANDLE handle, String path) {
		if (handle != null && !win32.CloseHandle(handle)) {
			int error = win32.lastError();
			logger.log(Level.WARNING, () -> "CloseHandle(" + path + ") failed: " + Win32Errors.describe(error));
		}
	}

}
