package dev.winipc.windows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay behaves as JNA does when the calling thread is interrupted: the call runs to
 * its end and returns its own result, and the interrupt is kept.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the relay runs the Windows backend under Wine")
class RelayChannelTests {

	private final RelayWin32 win32 = WineRelay.get().win32();

	@Test
	void interruptedCallReturnsItsOwnResultAndTheNextCallGetsItsOwnReply() throws Exception {
		HANDLE event = Win32Handles.createEvent(this.win32, true, "relay-test");
		try {
			CompletableFuture<int[]> results = new CompletableFuture<>();
			Thread caller = new Thread(() -> {
				// Blocks in the relay for 500 ms: WAIT_TIMEOUT, since nobody sets the event.
				int timedOut = this.win32.WaitForMultipleObjects(1, new HANDLE[] { event }, false, 500);
				boolean interruptKept = Thread.interrupted();
				this.win32.SetEvent(event);
				int signalled = this.win32.WaitForMultipleObjects(1, new HANDLE[] { event }, false, 0);
				results.complete(new int[] { timedOut, interruptKept ? 1 : 0, signalled });
			});
			caller.start();
			await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
			caller.interrupt();
			assertThat(results).succeedsWithin(Duration.ofSeconds(30))
				.isEqualTo(new int[] { WinError.WAIT_TIMEOUT, 1, WinBase.WAIT_OBJECT_0 });
		}
		finally {
			Win32Handles.close(this.win32, event, "relay-test");
		}
	}

}
