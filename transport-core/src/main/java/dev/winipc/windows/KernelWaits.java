package dev.winipc.windows;

import java.io.IOException;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import dev.winipc.transport.WaitDeadline;

/**
 * The one wait on a mutex, semaphore or event: {@code WaitForMultipleObjects(object,
 * wake event)} in slices ({@link WaitDeadline#SLICE}). The wake event is the handle's
 * close event, so a close ends the wait at once; between slices the caller's check runs,
 * which no Win32 wait sees (an interrupt, a cancelled request).
 */
final class KernelWaits {

	/** The object was signalled: a mutex acquired, a count taken, an event seen set. */
	static final int SIGNALLED = WinBase.WAIT_OBJECT_0;

	/** The mutex was acquired, its previous holder having ended while holding it. */
	static final int ABANDONED = WinBase.WAIT_ABANDONED_0;

	/** The deadline passed. */
	static final int TIMED_OUT = WinError.WAIT_TIMEOUT;

	/** The wake event was set: the handle is being closed. */
	static final int WOKEN = WinBase.WAIT_OBJECT_0 + 1;

	private KernelWaits() {
	}

	/**
	 * Wait for an object until the deadline.
	 * @param win32 the Win32 binding
	 * @param handles the object, then the wake event
	 * @param deadline when to give up
	 * @param name the object's name, for the error
	 * @param check run between slices; throws to end the wait
	 * @return {@link #SIGNALLED}, {@link #ABANDONED}, {@link #TIMED_OUT} or
	 * {@link #WOKEN}
	 * @throws IOException what the check threw, or an {@link dev.winipc.transport.IpcException}
	 * if the wait failed
	 */
	static int await(Win32 win32, HANDLE[] handles, WaitDeadline deadline, String name, Check check)
			throws IOException {
		do {
			int result = win32.WaitForMultipleObjects(handles.length, handles, false, deadline.sliceMillis());
			if (result == SIGNALLED || result == ABANDONED || result == WOKEN) {
				return result;
			}
			if (result != TIMED_OUT) {
				throw Win32Errors.failure("WaitForMultipleObjects", name, win32.lastError());
			}
			check.between();
		}
		while (!deadline.hasPassed());
		return TIMED_OUT;
	}

	/**
	 * What a wait checks between two slices.
	 */
	@FunctionalInterface
	interface Check {

		/**
		 * Look whether the wait must end.
		 * @throws IOException to end it
		 */
		void between() throws IOException;

	}

}
