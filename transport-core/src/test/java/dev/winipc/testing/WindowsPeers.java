package dev.winipc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and starts the native Windows test peers ({@code peers/NAME.c}) wherever the
 * tests run: on Windows with the machine's compiler ({@code $CC}, else MSVC's
 * {@code cl}, else {@code gcc}) and directly; elsewhere with mingw-w64 and under
 * {@link Wine}. A test asks for a Windows peer and does not care which.
 * <pre class="code">
 * try (PeerProcess server = WindowsPeers.start("win_pipe_peer", "serve", name, "echo:")) {
 *     server.awaitLine("ready");
 *     ...
 * }
 * </pre>
 */
public final class WindowsPeers {

	private static final Path BINARIES = Path.of("target", "windows-bin");

	private static final Set<String> MSVC_STYLE = Set.of("cl", "clang-cl");

	private static final ConcurrentHashMap<String, Path> BUILT = new ConcurrentHashMap<>();

	private WindowsPeers() {
	}

	/** @return whether the peers run under Wine rather than on Windows itself */
	public static boolean underWine() {
		return !PeerBuild.onWindows();
	}

	/**
	 * Return the executable built from {@code peers/NAME.c}, compiling it once.
	 * @param name the source's base name
	 * @return the {@code .exe}
	 */
	public static Path executable(String name) {
		return underWine() ? Wine.get().compile(name) : BUILT.computeIfAbsent(name, WindowsPeers::compile);
	}

	/**
	 * Start a Windows peer, its output collected line by line.
	 * @param name the source's base name
	 * @param arguments its arguments
	 * @return the running peer
	 */
	public static PeerProcess start(String name, Object... arguments) {
		if (underWine()) {
			return Wine.get().start(name, arguments);
		}
		List<String> strings = new ArrayList<>();
		for (Object argument : arguments) {
			strings.add(argument.toString());
		}
		return PeerProcess.start(command(name, strings));
	}

	/**
	 * Start a Windows peer for a binary conversation: its standard input and output are
	 * left to the caller, its standard error is appended to a file.
	 * @param name the source's base name
	 * @param arguments its arguments
	 * @param stderrLog where its standard error goes
	 * @return the running process
	 */
	public static Process startRaw(String name, List<String> arguments, Path stderrLog) {
		if (underWine()) {
			return Wine.get().startRaw(name, arguments, stderrLog);
		}
		ProcessBuilder builder = new ProcessBuilder(command(name, arguments));
		return PeerBuild.startLogged(builder, stderrLog);
	}

	private static List<String> command(String name, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable(name).toString());
		command.addAll(arguments);
		return command;
	}

	private static Path compile(String name) {
		Path source = PeerResources.extractSource(name + ".c");
		Path output = BINARIES.resolve(name + ".exe").toAbsolutePath();
		Path objects = BINARIES.resolve("obj").toAbsolutePath();
		// $CC may carry options of its own ("gcc -m64"), as make allows
		List<String> command = new ArrayList<>(List.of(compiler().split("\\s+")));
		Path program = PeerBuild.findOnPath(command.get(0))
			.orElseThrow(() -> new AssertionError("The C compiler '" + command.get(0) + "' for the Windows peer "
					+ source + " is not on the PATH"));
		command.set(0, program.toString());
		String style = program.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.exe$", "");
		if (MSVC_STYLE.contains(style)) {
			command.addAll(List.of("/nologo", "/W4", "/O2", "/Fe" + output, "/Fo" + objects + "\\",
					source.toString(), "advapi32.lib"));
		}
		else {
			command.addAll(List.of("-Wall", "-Wextra", "-O2", "-static", "-o", output.toString(), source.toString(),
					"-ladvapi32"));
		}
		return PeerBuild.compile(command, source, output, objects);
	}

	private static String compiler() {
		String configured = System.getenv("CC");
		if (configured != null && !configured.isBlank()) {
			return configured.trim();
		}
		for (String candidate : List.of("cl", "gcc")) {
			if (PeerBuild.findOnPath(candidate).isPresent()) {
				return candidate;
			}
		}
		throw new AssertionError("No C compiler for the Windows test peers: set CC, or put MSVC's cl (a Developer "
				+ "Command Prompt; ilammy/msvc-dev-cmd in CI) or MinGW's gcc on the PATH");
	}

}
