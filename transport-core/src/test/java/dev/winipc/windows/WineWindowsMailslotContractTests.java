package dev.winipc.windows;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mailslot contract against Wine's Win32: the unchanged backend's calls go through
 * the Win32 relay. After every test the backend holds no more handles than before it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows the real Win32 runs these: JnaWindowsMailslotContractTests")
@ExtendWith(RelayHandlesReleased.class)
class WineWindowsMailslotContractTests extends WindowsMailslotContract {

	@Override
	Win32 win32() {
		return WineRelay.get().win32();
	}

	@Override
	boolean underWine() {
		return true;
	}

}
