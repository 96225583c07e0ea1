package dev.winipc.windows;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The synchronization objects' contract against the real Win32, through the JNA binding.
 */
@EnabledOnOs(OS.WINDOWS)
class JnaWindowsSyncObjectsTests extends WindowsSyncObjectsContract {

	private static final Win32 WIN32 = JnaWin32.load();

	@Override
	Win32 win32() {
		return WIN32;
	}

	@Override
	boolean underWine() {
		return false;
	}

}
