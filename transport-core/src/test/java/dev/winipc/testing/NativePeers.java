package dev.winipc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the native C peers in this module's test resources ({@code peers/NAME.c})
 * with the machine's C compiler ({@code $CC}, else {@code cc}) and starts them. A
 * missing compiler fails the test with a message saying so: these tests are never
 * skipped.
 */
public final class NativePeers {

	private static final ConcurrentHashMap<String, Path> BUILT = new ConcurrentHashMap<>();

	private static final ConcurrentHashMap<String, Path> SHARED = new ConcurrentHashMap<>();

	private NativePeers() {
	}

	/**
	 * Return the executable built from {@code peers/NAME.c}, compiling it once.
	 * @param name the source's base name
	 * @return the executable
	 */
	public static Path executable(String name) {
		return BUILT.computeIfAbsent(name, NativePeers::compile);
	}

	/**
	 * Return the source of {@code peers/NAME.c}, extracted with the headers it includes
	 * beside it, for a build of another kind (a static one for a container image).
	 * @param name the source's base name
	 * @return the source file
	 */
	public static Path source(String name) {
		return PeerResources.extractSource(name + ".c");
	}

	/**
	 * Start a C peer.
	 * @param name the source's base name
	 * @param arguments its arguments
	 * @return the running peer
	 */
	public static PeerProcess start(String name, Object... arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable(name).toString());
		for (Object argument : arguments) {
			command.add(argument.toString());
		}
		return PeerProcess.start(command);
	}

	/**
	 * Start a C peer as {@link OtherUser another user}; the calling test is skipped, with
	 * the reason, where that cannot be done. The executable is copied to a
	 * world-readable place first, since the build directory may sit below a private one.
	 * @param name the source's base name
	 * @param arguments its arguments
	 * @return the running peer
	 */
	public static PeerProcess startAsOtherUser(String name, Object... arguments) {
		OtherUser.assumeAvailable();
		Path shared = SHARED.computeIfAbsent(name, NativePeers::shareExecutable);
		List<String> program = new ArrayList<>(List.of(shared.toString()));
		for (Object argument : arguments) {
			program.add(argument.toString());
		}
		return PeerProcess.start(OtherUser.command(program));
	}

	private static Path shareExecutable(String name) {
		try {
			Path copy = Files.createTempFile(Path.of("/tmp"), "winipc-" + name + "-", "",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
			Files.copy(executable(name), copy, StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
			copy.toFile().deleteOnExit();
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path compile(String name) {
		Path output = Path.of("target/native", name).toAbsolutePath();
		Path source = PeerResources.extractSource(name + ".c");
		String compiler = System.getenv().getOrDefault("CC", "cc");
		try {
			Files.createDirectories(output.getParent());
			Process process = new ProcessBuilder(compiler, "-Wall", "-Wextra", "-O2", "-pthread", "-o",
					output.toString(), source.toString())
				.redirectErrorStream(true)
				.start();
			String log = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("Compiling " + source + " with " + compiler + " failed:\n" + log);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No C compiler '" + compiler + "' to build the native test peer " + source
					+ "; install gcc (bash .ci/run does)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
