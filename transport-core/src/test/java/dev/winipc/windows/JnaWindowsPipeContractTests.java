package dev.winipc.windows;

import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.transport.PipeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipe contract against the real Win32, through the JNA binding, and what only a
 * real Windows can show.
 */
@EnabledOnOs(OS.WINDOWS)
class JnaWindowsPipeContractTests extends WindowsPipeContract {

	private static final Win32 WIN32 = JnaWin32.load();

	@Override
	Win32 win32() {
		return WIN32;
	}

	@Override
	long ownProcessId() {
		return ProcessHandle.current().pid();
	}

	@Override
	boolean underWine() {
		return false;
	}

	@Test
	void remoteClientsAreRejected() throws Exception {
		PipeOptions options = uniqueOptions().build();
		serve(options);
		// The same pipe through the network redirector, as a client on another machine sees it.
		HANDLE remote = WIN32.CreateFileW("\\\\127.0.0.1\\pipe\\" + options.name().name(),
				WinNT.GENERIC_READ | WinNT.GENERIC_WRITE, 0, null, WinNT.OPEN_EXISTING, 0, null);
		int error = WIN32.lastError();
		if (Win32Handles.isValid(remote)) {
			WIN32.CloseHandle(remote);
		}
		assertThat(Win32Handles.isValid(remote)).as("a remote open of a PIPE_REJECT_REMOTE_CLIENTS pipe succeeded")
			.isFalse();
		assertThat(Win32Errors.nameOf(error)).isNotNull();
		// while the local name is served as ever
		assertThat(connect(options).isOpen()).isTrue();
	}

}
