package dev.winipc.windows;

import com.sun.jna.platform.win32.WinError;
import org.junit.jupiter.api.Test;

import dev.winipc.transport.IpcException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error-name table and the messages built from it.
 */
class Win32ErrorsTests {

	@Test
	void namesThePipeErrorsTheBackendHandles() {
		assertThat(Win32Errors.nameOf(2)).isEqualTo("ERROR_FILE_NOT_FOUND");
		assertThat(Win32Errors.nameOf(5)).isEqualTo("ERROR_ACCESS_DENIED");
		assertThat(Win32Errors.nameOf(109)).isEqualTo("ERROR_BROKEN_PIPE");
		assertThat(Win32Errors.nameOf(121)).isEqualTo("ERROR_SEM_TIMEOUT");
		assertThat(Win32Errors.nameOf(231)).isEqualTo("ERROR_PIPE_BUSY");
		assertThat(Win32Errors.nameOf(232)).isEqualTo("ERROR_NO_DATA");
		assertThat(Win32Errors.nameOf(233)).isEqualTo("ERROR_PIPE_NOT_CONNECTED");
		assertThat(Win32Errors.nameOf(234)).isEqualTo("ERROR_MORE_DATA");
		assertThat(Win32Errors.nameOf(535)).isEqualTo("ERROR_PIPE_CONNECTED");
		assertThat(Win32Errors.nameOf(995)).isEqualTo("ERROR_OPERATION_ABORTED");
		assertThat(Win32Errors.nameOf(997)).isEqualTo("ERROR_IO_PENDING");
	}

	@Test
	void everyNameIsTheOneJnaPlatformGivesTheCode() throws ReflectiveOperationException {
		for (int code = 0; code < 20_000; code++) {
			String name = Win32Errors.nameOf(code);
			if (name != null) {
				assertThat(WinError.class.getField(name).getInt(null)).as(name).isEqualTo(code);
			}
		}
	}

	@Test
	void unknownCodeHasNoName() {
		assertThat(Win32Errors.nameOf(0x7FFF_0000)).isNull();
		assertThat(Win32Errors.describe(0x7FFF_0000)).isEqualTo("error (2147418112)");
	}

	@Test
	void failureReadsAsTheCallThePipeAndTheNamedError() {
		IpcException failure = Win32Errors.failure("CreateNamedPipe", "\\\\.\\pipe\\orders",
				WinError.ERROR_ACCESS_DENIED);

		assertThat(failure).hasMessage("CreateNamedPipe(\\\\.\\pipe\\orders) failed: ERROR_ACCESS_DENIED (5)");
		assertThat(failure.getOperation()).isEqualTo("CreateNamedPipe");
		assertThat(failure.getEndpoint()).isEqualTo("\\\\.\\pipe\\orders");
		assertThat(failure.getErrorName()).isEqualTo("ERROR_ACCESS_DENIED");
		assertThat(failure.getErrorCode()).isEqualTo(5);
	}

	@Test
	void failureCarriesItsDetailAfterTheError() {
		IpcException failure = Win32Errors.failure("CreateFile", "\\\\.\\pipe\\orders", WinError.ERROR_FILE_NOT_FOUND,
				"no server within PT5S");

		assertThat(failure)
			.hasMessage("CreateFile(\\\\.\\pipe\\orders) failed: ERROR_FILE_NOT_FOUND (2) no server within PT5S");
	}

}
