package dev.winipc.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One of the sample's native programs ({@code native/NAME.c}), compiled with the
 * machine's C compiler and run as a separate process. The compiler is {@code cc} unless
 * the {@code CC} environment variable names another one ({@code gcc}, {@code clang},
 * MSVC's {@code cl}).
 *
 * @since 0.1.0
 */
public final class NativeProgram {

	private static final long TIMEOUT_SECONDS = 60;

	private final Path executable;

	private final String compiler;

	private NativeProgram(Path executable, String compiler) {
		this.executable = executable;
		this.compiler = compiler;
	}

	/**
	 * Compile a program.
	 * @param source its C source, e.g. {@code native/hello_client.c}
	 * @param outputDirectory where the executable goes
	 * @return the compiled program
	 * @throws IllegalStateException if no C compiler runs or the compilation fails
	 */
	public static NativeProgram compile(Path source, Path outputDirectory) {
		if (!Files.isRegularFile(source)) {
			throw new IllegalStateException("The native client source " + source.toAbsolutePath() + " is missing");
		}
		@Nullable String configured = System.getenv("CC");
		String compiler = (configured != null && !configured.isBlank()) ? configured.trim() : "cc";
		boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
		String base = source.getFileName().toString().replaceFirst("\\.c$", "");
		Path executable = outputDirectory.resolve(windows ? base + ".exe" : base).toAbsolutePath();
		List<String> command = new ArrayList<>(Arrays.asList(compiler.split("\\s+")));
		String program = Path.of(command.get(0)).getFileName().toString().toLowerCase(Locale.ROOT);
		if (program.equals("cl") || program.equals("cl.exe")) {
			command.addAll(List.of("/nologo", "/W4", "/Fe" + executable, "/Fo" + executable.getParent() + "\\",
					source.toString()));
		}
		else {
			command.addAll(List.of("-Wall", "-Wextra", "-O2", "-o", executable.toString(), source.toString()));
		}
		Result result;
		try {
			Files.createDirectories(outputDirectory);
			result = run(new ProcessBuilder(command));
		}
		catch (IOException ex) {
			throw new IllegalStateException("No C compiler: '" + compiler + "' could not be run (" + ex.getMessage()
					+ "); install gcc or clang, or set CC to your compiler (e.g. CC=gcc or CC=cl)", ex);
		}
		if (result.exitCode() != 0) {
			throw new IllegalStateException("'" + String.join(" ", command) + "' failed with exit code "
					+ result.exitCode() + ":\n" + String.join("\n", result.output()));
		}
		return new NativeProgram(executable, String.join(" ", command));
	}

	/**
	 * Return the compiler command that built the program.
	 * @return the command line
	 */
	public String getCompileCommand() {
		return this.compiler;
	}

	/**
	 * Return the compiled program.
	 * @return its path
	 */
	public Path getExecutable() {
		return this.executable;
	}

	/**
	 * Run the program once and wait for it to end.
	 * @param environment variables to add to this process's environment
	 * @param arguments its arguments
	 * @return its exit code and its output and errors, line by line
	 */
	public Result run(Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(arguments));
		ProcessBuilder process = new ProcessBuilder(command);
		process.environment().putAll(environment);
		try {
			return run(process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + this.executable, ex);
		}
	}

	private static Result run(ProcessBuilder builder) throws IOException {
		Process process = builder.redirectErrorStream(true).start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = output.readLine(); line != null; line = output.readLine()) {
				lines.add(line);
			}
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				lines.add(builder.command().get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
				return new Result(-1, lines);
			}
			return new Result(process.exitValue(), lines);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + builder.command().get(0), ex);
		}
	}

	/**
	 * What one run of a program did.
	 *
	 * @param exitCode its exit code; {@code -1} if it had to be killed
	 * @param output what it printed, output and errors interleaved, line by line
	 * @since 0.1.0
	 */
	public record Result(int exitCode, List<String> output) {

	}

}
