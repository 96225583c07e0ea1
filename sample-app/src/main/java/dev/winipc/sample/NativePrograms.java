package dev.winipc.sample;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sample's native programs, {@code native/NAME.c}, each compiled once.
 *
 * @since 0.1.0
 */
public final class NativePrograms {

	private final Path sourceDirectory;

	private final Path outputDirectory;

	private final Map<String, NativeProgram> compiled = new ConcurrentHashMap<>();

	/**
	 * Find the programs.
	 * @param sourceDirectory where {@code NAME.c} are
	 * @param outputDirectory where the executables go
	 */
	public NativePrograms(Path sourceDirectory, Path outputDirectory) {
		this.sourceDirectory = sourceDirectory;
		this.outputDirectory = outputDirectory;
	}

	/**
	 * Return a program, compiling it on first use and saying so.
	 * @param name its base name, e.g. {@code hello_client}
	 * @return the program
	 */
	public NativeProgram get(String name) {
		return this.compiled.computeIfAbsent(name, (key) -> {
			NativeProgram program = NativeProgram.compile(this.sourceDirectory.resolve(key + ".c"), this.outputDirectory);
			System.out.println("compiled the native " + key + ": " + program.getCompileCommand());
			return program;
		});
	}

}
