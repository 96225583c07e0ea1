package dev.winipc.windows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The Windows backend must be harmless on every other OS: its classes load and
 * initialize without kernel32, and its provider declines.
 */
class WindowsBackendLoadingTests {

	private static final String PACKAGE = "dev.winipc.windows";

	@Test
	void everyClassOfTheBackendInitializesWithoutKernel32() throws Exception {
		List<String> classNames = backendClassNames();
		assertThat(classNames).contains(PACKAGE + ".Win32", PACKAGE + ".JnaWin32", PACKAGE + ".JnaWin32$Dll",
				PACKAGE + ".WindowsPlatformProvider", PACKAGE + ".WindowsIpcPlatform", PACKAGE + ".WindowsPipeServer",
				PACKAGE + ".WindowsPipeClient", PACKAGE + ".WindowsPipeConnection", PACKAGE + ".OverlappedIo");
		ClassLoader loader = WindowsPlatformProvider.class.getClassLoader();
		// Off Windows, a static initializer that loaded kernel32 would fail right here with
		// an UnsatisfiedLinkError (see creatingThePlatformOffWindowsFailsNamingTheMissingDlls).
		for (String className : classNames) {
			assertThatNoException().as(className).isThrownBy(() -> Class.forName(className, true, loader));
		}
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void providerIsNotSupportedOffWindows() {
		assertThat(new WindowsPlatformProvider().isSupported()).isFalse();
	}

	@Test
	void providerIsNamedWindows() {
		assertThat(new WindowsPlatformProvider().name()).isEqualTo("windows").isEqualTo(WindowsIpcPlatform.NAME);
	}

	@Test
	@DisabledOnOs(OS.WINDOWS)
	void creatingThePlatformOffWindowsFailsNamingTheMissingDlls() {
		assertThatIllegalStateException().isThrownBy(() -> new WindowsPlatformProvider().create())
			.withMessageContaining("kernel32")
			.withCauseInstanceOf(UnsatisfiedLinkError.class);
	}

	private static List<String> backendClassNames() throws IOException, URISyntaxException {
		Path root = Path.of(WindowsPlatformProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path directory = root.resolve(PACKAGE.replace('.', '/'));
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".class") && !name.startsWith("package-info"))
				.map((name) -> PACKAGE + "." + name.substring(0, name.length() - ".class".length()))
				.sorted()
				.toList();
		}
	}

}
