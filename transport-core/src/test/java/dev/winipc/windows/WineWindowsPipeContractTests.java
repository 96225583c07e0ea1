package dev.winipc.windows;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipe contract against Wine's Win32: the unchanged backend's calls go through the
 * Win32 relay. After every test the backend holds no more handles than before it.
 */
@ExtendWith(RelayHandlesClosed.class)
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows the real Win32 runs these: JnaWindowsPipeContractTests")
@ExtendWith(RelayHandlesReleased.class)
class WineWindowsPipeContractTests extends WindowsPipeContract {

	@Override
	Win32 win32() {
		return WineRelay.get().win32();
	}

	@Override
	long ownProcessId() {
		return WineRelay.get().processId();
	}

	@Override
	boolean underWine() {
		return true;
	}

}
