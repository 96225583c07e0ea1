package dev.winipc.windows;

import java.io.IOException;
import java.time.Duration;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.IntByReference;

import dev.winipc.transport.NamedSemaphore;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * A named semaphore on Windows: {@code CreateSemaphoreW("Local\NAME")}; Win32 keeps its
 * maximum count and refuses a release past it ({@code ERROR_TOO_MANY_POSTS}).
 */
final class WindowsNamedSemaphore extends WindowsSyncObject implements NamedSemaphore {

	WindowsNamedSemaphore(Win32 win32, SyncOptions options, NamedKernelObjects.Opened opened) throws IOException {
		super(win32, options, opened);
	}

	@Override
	public boolean acquire(Duration timeout) throws IOException {
		return await(WaitDeadline.after(timeout));
	}

	@Override
	public int release(int count) throws IOException {
		if (count < 1) {
			throw new IllegalArgumentException("A release gives back at least 1, not " + count);
		}
		IntByReference previous = new IntByReference();
		enter("ReleaseSemaphore");
		try {
			if (!this.win32.ReleaseSemaphore(this.handle, count, previous)) {
				int error = this.win32.lastError();
				throw Win32Errors.failure("ReleaseSemaphore", osName(), error, (error == WinError.ERROR_TOO_MANY_POSTS)
						? "releasing " + count + " would raise the count above the semaphore's maximum; nothing was "
								+ "released"
						: null);
			}
			return previous.getValue();
		}
		finally {
			exit();
		}
	}

}
