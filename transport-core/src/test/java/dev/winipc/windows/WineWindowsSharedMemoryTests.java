package dev.winipc.windows;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared-memory contract against Wine's Win32: the unchanged backend's calls go
 * through the Win32 relay, and each view the relay maps is mapped into this JVM as well
 * ({@link RelayViews}). After every test the backend holds no more handles than before.
 */
@ExtendWith(RelayHandlesClosed.class)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows the real Win32 runs these: JnaWindowsSharedMemoryTests")
class WineWindowsSharedMemoryTests extends WindowsSharedMemoryContract {

	@Override
	boolean underWine() {
		return true;
	}

	@Override
	Win32 win32() {
		return WineRelay.get().win32();
	}

}
