package dev.winipc.windows;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flags and layouts winipc defines itself, pinned to the Windows SDK's values
 * ({@code winbase.h}, {@code minwinbase.h}, {@code sddl.h}).
 */
class Win32LayoutTests {

	@Test
	void flagsJnaPlatformLacksHaveTheSdkValues() {
		assertThat(Win32.FILE_FLAG_FIRST_PIPE_INSTANCE).isEqualTo(0x00080000);
		assertThat(Win32.SECURITY_SQOS_PRESENT).isEqualTo(0x00100000);
		assertThat(Win32.SECURITY_IDENTIFICATION).isEqualTo(0x00010000);
		assertThat(Win32.SDDL_REVISION_1).isEqualTo(1);
	}

	@Test
	void clientFlagsDoNotCollideWithOverlapped() {
		assertThat(WinNT.FILE_FLAG_OVERLAPPED & (Win32.SECURITY_SQOS_PRESENT | Win32.SECURITY_IDENTIFICATION))
			.isZero();
		assertThat(WinBase.PIPE_REJECT_REMOTE_CLIENTS).isEqualTo(0x8);
	}

	@Test
	void overlappedLayoutMatchesX64() {
		assertThat(OverlappedIo.eventOffset(8)).isEqualTo(24);
		assertThat(OverlappedIo.size(8)).isEqualTo(32);
	}

	@Test
	void overlappedLayoutMatchesX86() {
		assertThat(OverlappedIo.eventOffset(4)).isEqualTo(16);
		assertThat(OverlappedIo.size(4)).isEqualTo(20);
	}

}
