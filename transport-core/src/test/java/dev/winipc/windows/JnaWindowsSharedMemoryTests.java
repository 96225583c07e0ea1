package dev.winipc.windows;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The shared-memory contract against the real Win32, through the JNA binding.
 */
@EnabledOnOs(OS.WINDOWS)
class JnaWindowsSharedMemoryTests extends WindowsSharedMemoryContract {

	private static final Win32 WIN32 = JnaWin32.load();

	@Override
	boolean underWine() {
		return false;
	}

	@Override
	Win32 win32() {
		return WIN32;
	}

}
