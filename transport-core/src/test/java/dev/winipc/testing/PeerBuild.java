package dev.winipc.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * What building a native test peer takes: finding a program on the {@code PATH} and
 * running a compiler so that a failure shows the compiler's own output.
 */
final class PeerBuild {

	private static final long COMPILE_TIMEOUT_SECONDS = 120;

	private static final List<String> WINDOWS_EXTENSIONS = List.of("", ".exe", ".cmd", ".bat");

	private PeerBuild() {
	}

	static boolean onWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

	/**
	 * Find a program the way a shell would.
	 * @param program a bare name ({@code wine}) or a path
	 * @return the executable, if there is one
	 */
	static Optional<Path> findOnPath(String program) {
		if (program.contains("/") || program.contains(File.separator)) {
			Path path = Path.of(program);
			return Files.isExecutable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
		}
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		List<String> extensions = onWindows() ? WINDOWS_EXTENSIONS : List.of("");
		for (String directory : path.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			for (String extension : extensions) {
				Path candidate = Path.of(directory, program + extension);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Run a compiler; a failure fails the test with what the compiler said.
	 * @param command the compiler and its arguments
	 * @param source the peer's source, for the message
	 * @param output the executable it writes; its directory is created first
	 * @param workingDirectory where to run it, or {@code null} for the current one
	 * @return the executable
	 */
	static Path compile(List<String> command, Path source, Path output, @Nullable Path workingDirectory) {
		try {
			Files.createDirectories(output.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (workingDirectory != null) {
				Files.createDirectories(workingDirectory);
				builder.directory(workingDirectory.toFile());
			}
			Process process = builder.start();
			String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("Compiling " + source + " did not finish: " + String.join(" ", command));
			}
			if (process.exitValue() != 0) {
				throw new AssertionError("Compiling " + source + " failed (exit " + process.exitValue() + "): "
						+ String.join(" ", command) + "\n" + log);
			}
			if (!Files.isRegularFile(output)) {
				throw new AssertionError("Compiling " + source + " wrote no " + output + ": " + String.join(" ", command)
						+ "\n" + log);
			}
			return output;
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot run the compiler " + command.get(0) + " for " + source + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Start a process whose standard input and output the caller uses, its standard
	 * error appended to a log file.
	 * @param builder the process
	 * @param stderrLog where its standard error goes
	 * @return the running process
	 */
	static Process startLogged(ProcessBuilder builder, Path stderrLog) {
		try {
			Path directory = stderrLog.toAbsolutePath().getParent();
			if (directory != null) {
				Files.createDirectories(directory);
			}
			return builder.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile())).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + builder.command(), ex);
		}
	}

}
