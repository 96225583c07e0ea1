package dev.winipc.windows;

import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.IpcPlatform;

/**
 * The Windows backend as tests run it: over the real Win32 on Windows, over Wine's Win32
 * through the relay elsewhere. Native Windows peers ({@link WindowsPeers}) run beside it
 * the same way.
 */
public final class WindowsTestPlatform {

	private static Win32 jna;

	private WindowsTestPlatform() {
	}

	/**
	 * Return the Win32 binding tests use.
	 * @return the JNA binding on Windows, the Wine relay elsewhere
	 */
	static synchronized Win32 win32() {
		if (!WindowsPeers.underWine()) {
			if (jna == null) {
				jna = JnaWin32.load();
			}
			return jna;
		}
		return WineRelay.get().win32();
	}

	/**
	 * Return the Windows backend over {@link #win32()}.
	 * @return the platform
	 */
	public static IpcPlatform platform() {
		return new WindowsIpcPlatform(win32());
	}

	/**
	 * Return the Windows process id the backend's pipes live in.
	 * @return this JVM's pid on Windows, the relay's under Wine
	 */
	public static long ownProcessId() {
		return WindowsPeers.underWine() ? WineRelay.get().processId() : ProcessHandle.current().pid();
	}

}
