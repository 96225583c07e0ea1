package dev.winipc.windows;

import java.io.IOException;
import java.time.Duration;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * A named event on Windows: {@code CreateEventW("Local\NAME")}, auto- or manual-reset as
 * its creator made it; {@code SetEvent}, {@code ResetEvent}, {@code PulseEvent}.
 */
final class WindowsNamedEvent extends WindowsSyncObject implements NamedEvent {

	private final HANDLE[] lookHandles;

	WindowsNamedEvent(Win32 win32, SyncOptions options, NamedKernelObjects.Opened opened) throws IOException {
		super(win32, options, opened);
		this.lookHandles = new HANDLE[] { this.handle };
	}

	@Override
	public boolean await(Duration timeout) throws IOException {
		return await(WaitDeadline.after(timeout));
	}

	@Override
	public void set() throws IOException {
		call("SetEvent", () -> this.win32.SetEvent(this.handle));
	}

	@Override
	public void reset() throws IOException {
		call("ResetEvent", () -> this.win32.ResetEvent(this.handle));
	}

	@Override
	public void pulse() throws IOException {
		call("PulseEvent", () -> this.win32.PulseEvent(this.handle));
	}

	@Override
	public boolean isSet() throws IOException {
		requireManualReset();
		enter("WaitForMultipleObjects");
		try {
			// A zero wait on a manual-reset event looks without changing it.
			int result = this.win32.WaitForMultipleObjects(1, this.lookHandles, false, 0);
			if (result == WinBase.WAIT_FAILED) {
				throw Win32Errors.failure("WaitForMultipleObjects", osName(), this.win32.lastError());
			}
			return result == WinBase.WAIT_OBJECT_0;
		}
		finally {
			exit();
		}
	}

}
