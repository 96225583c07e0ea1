package dev.winipc.windows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The synchronization objects' contract against Wine's Win32: the unchanged backend's
 * calls go through the Win32 relay, the native peers run under Wine. After every test
 * the backend holds no more handles than before it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "on Windows the real Win32 runs these: JnaWindowsSyncObjectsTests")
class WineWindowsSyncObjectsTests extends WindowsSyncObjectsContract {

	private int handlesBefore;

	@Override
	Win32 win32() {
		return WineRelay.get().win32();
	}

	@Override
	boolean underWine() {
		return true;
	}

	@BeforeEach
	void countHandles() {
		this.handlesBefore = WineRelay.get().win32().openHandleCount();
	}

	@AfterEach
	@Override
	protected void closeEverything() throws Exception {
		super.closeEverything();
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(WineRelay.get().win32().openHandleCount()).isEqualTo(this.handlesBefore));
	}

}
