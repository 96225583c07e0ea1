package dev.winipc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;

/**
 * Runs the Windows test peers ({@code peers/NAME.c}, built with mingw-w64) on Linux
 * under Wine, so Windows code paths meet real Win32 semantics on every machine.
 * <p>
 * One instance per JVM ({@link #get()}) carries the whole cost of Wine: it checks that
 * {@code wine} and {@code x86_64-w64-mingw32-gcc} are there (failing, never skipping,
 * when they are not), creates a Wine prefix of this JVM's own below
 * {@code target/wine-prefix/}, keeps one {@code wineserver} running for it and stops it
 * ({@code wineserver -k}) and removes the prefix when the JVM exits. The prefix is
 * created in the background while the first peers compile. Programs run with
 * {@code WINEDEBUG=-all} and no display.
 * <p>
 * Tests that only want "a Windows peer, wherever we are" use {@link WindowsPeers}.
 */
public final class Wine {

	/** How to get what Wine tests need on Debian or Ubuntu. */
	static final String INSTALL_HINT = "apt-get install --no-install-recommends wine wine64 gcc-mingw-w64-x86-64"
			+ " (bash .ci/run installs them when missing)";

	private static final String WINE = "wine";

	private static final String MINGW_GCC = "x86_64-w64-mingw32-gcc";

	private static final String WINESERVER = "wineserver";

	/** Where Debian keeps the server when only the {@code wine} wrapper is on the PATH. */
	private static final List<String> WINESERVER_FALLBACKS = List.of("/usr/lib/wine/wineserver64",
			"/usr/lib/wine/wineserver");

	private static final Path PREFIXES = Path.of("target", "wine-prefix");

	private static final Path BINARIES = Path.of("target", "wine-bin");

	private static final Pattern PREFIX_NAME = Pattern.compile("jvm-(\\d+)");

	/** Mono and Gecko would be offered for download; menus would be written to the desktop. */
	private static final String DLL_OVERRIDES = "mscoree,mshtml=;winemenubuilder.exe=d";

	private static final Duration PREFIX_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(30);

	private static final LogAccessor logger = new LogAccessor(Wine.class);

	private static @Nullable Wine instance;

	private static @Nullable Throwable failure;

	private final Path wine;

	private final Path compiler;

	private final Path wineserver;

	private final Path prefix;

	private final Path log;

	private final Map<String, String> environment;

	private final CompletableFuture<Duration> prefixReady;

	private final ConcurrentHashMap<String, Path> built = new ConcurrentHashMap<>();

	private Wine() {
		if (PeerBuild.onWindows()) {
			throw new IllegalStateException("Wine runs the Windows peers on Linux; on Windows, WindowsPeers runs "
					+ "them directly");
		}
		List<String> missing = new ArrayList<>();
		Optional<Path> wine = PeerBuild.findOnPath(WINE);
		Optional<Path> compiler = PeerBuild.findOnPath(MINGW_GCC);
		Optional<Path> wineserver = findWineserver();
		wine.ifPresentOrElse(path -> { }, () -> missing.add(WINE));
		compiler.ifPresentOrElse(path -> { }, () -> missing.add(MINGW_GCC));
		if (wine.isPresent() && wineserver.isEmpty()) {
			missing.add(WINESERVER);
		}
		if (!missing.isEmpty()) {
			throw new AssertionError("The Windows peer tests run under Wine and need " + String.join(" and ", missing)
					+ ", not found on the PATH. Install: " + INSTALL_HINT);
		}
		this.wine = wine.orElseThrow();
		this.compiler = compiler.orElseThrow();
		this.wineserver = wineserver.orElseThrow();
		Path prefixes = PREFIXES.toAbsolutePath();
		String own = "jvm-" + ProcessHandle.current().pid();
		this.prefix = prefixes.resolve(own);
		this.log = prefixes.resolve(own + ".log");
		this.environment = Map.copyOf(environmentFor(this.prefix));
		Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "wine-shutdown"));
		this.prefixReady = CompletableFuture.supplyAsync(this::createPrefix, task -> {
			Thread thread = new Thread(task, "wine-prefix");
			thread.setDaemon(true);
			thread.start();
		});
	}

	/**
	 * Return this JVM's Wine, preparing it on the first call.
	 * @return the Wine the Windows peers run in
	 * @throws AssertionError when Wine or mingw-w64 is missing, saying how to install them
	 */
	public static synchronized Wine get() {
		if (instance == null) {
			if (failure != null) {
				throw new AssertionError(failure.getMessage(), failure);
			}
			try {
				instance = new Wine();
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
				throw ex;
			}
		}
		return instance;
	}

	/**
	 * Return the Windows executable built from {@code peers/NAME.c}, compiling it with
	 * mingw-w64 once per JVM.
	 * @param name the source's base name
	 * @return the {@code .exe}
	 */
	public Path compile(String name) {
		return this.built.computeIfAbsent(name, this::build);
	}

	/**
	 * Start a Windows peer under Wine, its output collected line by line.
	 * @param name the source's base name ({@code peers/NAME.c})
	 * @param arguments its arguments
	 * @return the running peer
	 */
	public PeerProcess start(String name, Object... arguments) {
		List<String> strings = new ArrayList<>();
		for (Object argument : arguments) {
			strings.add(argument.toString());
		}
		return PeerProcess.start(command(name, strings), this.environment);
	}

	/**
	 * Start a Windows peer under Wine for a binary conversation: its standard input and
	 * output are left to the caller, its standard error is appended to a file.
	 * @param name the source's base name ({@code peers/NAME.c})
	 * @param arguments its arguments
	 * @param stderrLog where its standard error goes
	 * @return the running process
	 */
	public Process startRaw(String name, List<String> arguments, Path stderrLog) {
		ProcessBuilder builder = new ProcessBuilder(command(name, arguments));
		builder.environment().clear();
		builder.environment().putAll(this.environment);
		return PeerBuild.startLogged(builder, stderrLog);
	}

	/**
	 * Return the environment Windows peers run with: this JVM's, without a display, with
	 * {@code WINEPREFIX} set to this JVM's prefix and Wine's own messages off.
	 * @return the whole environment
	 */
	public Map<String, String> environment() {
		return this.environment;
	}

	/** @return this JVM's Wine prefix, an absolute path below {@code target/wine-prefix/} */
	public Path prefix() {
		return this.prefix;
	}

	/**
	 * Return the command line that runs a Windows peer under Wine, once the prefix is
	 * ready.
	 * @param name the source's base name
	 * @param arguments its arguments
	 * @return {@code wine NAME.exe ARGUMENTS...}
	 */
	public List<String> command(String name, List<String> arguments) {
		Path executable = compile(name);
		awaitPrefix();
		List<String> command = new ArrayList<>();
		command.add(this.wine.toString());
		command.add(executable.toString());
		command.addAll(arguments);
		return command;
	}

	private Path build(String name) {
		Path source = PeerResources.extractSource(name + ".c");
		Path output = BINARIES.resolve(name + ".exe").toAbsolutePath();
		// Another JVM may be running the same .exe: write aside, then swap it in whole.
		Path scratch = output.resolveSibling(name + ".exe." + ProcessHandle.current().pid());
		try {
			PeerBuild.compile(List.of(this.compiler.toString(), "-Wall", "-Wextra", "-O2", "-static", "-o",
					scratch.toString(), source.toString(), "-ladvapi32"), source, scratch, null);
			Files.move(scratch, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			scratch.toFile().delete();
		}
	}

	private void awaitPrefix() {
		try {
			this.prefixReady.get(PREFIX_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new AssertionError(cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("The Wine prefix " + this.prefix + " was not ready after " + PREFIX_TIMEOUT
					+ "; Wine said: " + logText(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private Duration createPrefix() {
		long start = System.nanoTime();
		try {
			removeStalePrefixes();
			Files.createDirectories(this.prefix);
			Files.deleteIfExists(this.log);
			// A persistent server: Wine's own services then start once and stay for the run.
			int code = run(List.of(this.wineserver.toString(), "--persistent"), this.environment);
			if (code != 0) {
				throw new AssertionError("wineserver --persistent for " + this.prefix + " exited with " + code
						+ "; Wine said: " + logText());
			}
			run(List.of(this.wine.toString(), "wineboot", "--init"), this.environment);
			if (!Files.isDirectory(this.prefix.resolve("drive_c/windows/system32"))) {
				throw new AssertionError("wine wineboot --init did not create the Wine prefix " + this.prefix
						+ "; Wine said: " + logText());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the Wine prefix " + this.prefix, ex);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		logger.info(() -> "Wine prefix " + this.prefix + " ready in " + took.toMillis() + " ms");
		return took;
	}

	/** Prefixes left by JVMs that are gone (killed before their shutdown hook ran). */
	private void removeStalePrefixes() throws IOException {
		Path prefixes = this.prefix.getParent();
		if (!Files.isDirectory(prefixes)) {
			return;
		}
		List<Path> stale = new ArrayList<>();
		try (Stream<Path> children = Files.list(prefixes)) {
			children.forEach(child -> {
				Matcher matcher = PREFIX_NAME.matcher(child.getFileName().toString());
				if (matcher.matches() && Files.isDirectory(child) && (child.equals(this.prefix)
						|| ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty())) {
					stale.add(child);
				}
			});
		}
		for (Path directory : stale) {
			run(List.of(this.wineserver.toString(), "--kill"), environmentFor(directory));
			deleteTree(directory);
			Files.deleteIfExists(directory.resolveSibling(directory.getFileName() + ".log"));
		}
	}

	private void shutDown() {
		try {
			run(List.of(this.wineserver.toString(), "--kill"), this.environment);
			run(List.of(this.wineserver.toString(), "--wait"), this.environment);
			deleteTree(this.prefix);
			Files.deleteIfExists(this.log);
		}
		catch (IOException | RuntimeException | Error ex) {
			// the next run's sweep removes what is left
		}
	}

	private int run(List<String> command, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().clear();
		builder.environment().putAll(environment);
		// A file, not a pipe: the server and Wine's services outlive the command and
		// would hold a pipe open.
		builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(this.log.toFile()));
		try {
			Files.createDirectories(this.log.getParent());
			Process process = builder.start();
			if (!process.waitFor(SERVER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish in " + SERVER_TIMEOUT
						+ "; Wine said: " + logText());
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private String logText() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static Map<String, String> environmentFor(Path prefix) {
		Map<String, String> environment = new HashMap<>(System.getenv());
		environment.remove("DISPLAY");
		environment.remove("WAYLAND_DISPLAY");
		environment.put("WINEPREFIX", prefix.toString());
		environment.put("WINEARCH", "win64");
		environment.put("WINEDEBUG", "-all");
		environment.put("WINEDLLOVERRIDES", DLL_OVERRIDES);
		return environment;
	}

	private static Optional<Path> findWineserver() {
		Optional<Path> onPath = PeerBuild.findOnPath(WINESERVER);
		if (onPath.isPresent()) {
			return onPath;
		}
		return WINESERVER_FALLBACKS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
	}

	/** Delete a directory tree without following links: a prefix links {@code z:} to {@code /}. */
	private static void deleteTree(Path root) throws IOException {
		if (!Files.isDirectory(root) || !PREFIX_NAME.matcher(root.getFileName().toString()).matches()) {
			return;
		}
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				deleteIfPresent(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				deleteIfPresent(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException ex) throws IOException {
				deleteIfPresent(directory);
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static void deleteIfPresent(Path path) throws IOException {
		try {
			Files.delete(path);
		}
		catch (NoSuchFileException ex) {
			// already gone
		}
	}

}
