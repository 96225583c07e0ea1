package dev.winipc.windows;

import java.io.IOException;

import com.sun.jna.platform.win32.WinNT.HANDLE;

import dev.winipc.transport.AbstractSyncObject;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * What a Windows semaphore and event share: the object's handle and a close event that
 * wakes every wait on it.
 */
abstract class WindowsSyncObject extends AbstractSyncObject {

	final Win32 win32;

	final HANDLE handle;

	private final HANDLE closeEvent;

	private final HANDLE[] waitHandles;

	WindowsSyncObject(Win32 win32, SyncOptions options, NamedKernelObjects.Opened opened) throws IOException {
		super(options, options.name().windowsName(), opened.created());
		this.win32 = win32;
		this.handle = opened.handle();
		try {
			this.closeEvent = Win32Handles.createEvent(win32, true, osName());
		}
		catch (IOException | RuntimeException ex) {
			Win32Handles.close(win32, this.handle, osName());
			throw ex;
		}
		this.waitHandles = new HANDLE[] { this.handle, this.closeEvent };
	}

	/**
	 * Wait until the object is signalled, at most until the deadline, on the calling
	 * thread; its interrupt ends the wait.
	 * @param deadline when to give up
	 * @return {@code true} if signalled
	 * @throws java.io.InterruptedIOException if the thread is interrupted
	 * @throws dev.winipc.transport.IpcException if the wait fails, or the handle is closed
	 */
	final boolean await(WaitDeadline deadline) throws IOException {
		enter("WaitForMultipleObjects");
		try {
			int result = KernelWaits.await(this.win32, this.waitHandles, deadline, osName(),
					() -> WaitDeadline.checkInterrupt("WaitForMultipleObjects", osName()));
			if (result == KernelWaits.WOKEN) {
				throw closedException("WaitForMultipleObjects");
			}
			return result != KernelWaits.TIMED_OUT;
		}
		finally {
			exit();
		}
	}

	/**
	 * Make a call on the object that only succeeds or fails.
	 * @param operation the function, without its {@code W} suffix, e.g. {@code SetEvent}
	 * @param call the call
	 * @throws dev.winipc.transport.IpcException naming the object if Win32 refuses
	 */
	final void call(String operation, Call call) throws IOException {
		enter(operation);
		try {
			if (!call.succeeded()) {
				throw Win32Errors.failure(operation, osName(), this.win32.lastError());
			}
		}
		finally {
			exit();
		}
	}

	@Override
	protected final void wake() {
		Win32Handles.wake(this.win32, this.closeEvent, osName());
	}

	@Override
	protected final void closeHandles() {
		Win32Handles.close(this.win32, this.handle, osName());
		Win32Handles.close(this.win32, this.closeEvent, osName());
	}

	/**
	 * A Win32 call that returns {@code BOOL}.
	 */
	@FunctionalInterface
	interface Call {

		/** @return what the call returned */
		boolean succeeded();

	}

}
