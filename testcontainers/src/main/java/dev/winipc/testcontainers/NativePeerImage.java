package dev.winipc.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.exception.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A native program in an image of its own: a statically linked executable, copied into
 * an empty ({@code FROM scratch}) image whose exec-form entry point runs it, so that a
 * container's arguments are the program's arguments. Nothing is pulled: the image has no
 * base, and it is built on the local engine.
 * <p>
 * An image is built once for its content: its tag is a digest of the executable, and an
 * engine that already holds an image of that tag (from an earlier test run) is not asked
 * to build it again. The images carry the label {@value #LABEL}, so
 * {@code docker image prune -a --filter label=dev.winipc.native-peer} removes them.
 * <pre class="code">
 * NativePeerImage client = NativePeerImage.compile(Path.of("native/order_client.c"));
 * try (NativePeerContainer peer = new NativePeerContainer(client).withPipe("orders")
 *         .withCommand("one pizza")) {
 *     peer.start();
 *     assertThat(peer.finish()).containsExactly("accepted one pizza");
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see NativePeerContainer
 */
public final class NativePeerImage {

	/** The label every native peer image carries. */
	public static final String LABEL = "dev.winipc.native-peer";

	/** Where the program is in the image. */
	static final String ENTRY_POINT = "/peer";

	private static final long COMPILE_TIMEOUT_SECONDS = 120;

	private static final Map<List<String>, NativePeerImage> COMPILED = new ConcurrentHashMap<>();

	private static final Map<String, String> BUILT = new ConcurrentHashMap<>();

	private final Path executable;

	private final String name;

	private NativePeerImage(Path executable) {
		this.executable = executable.toAbsolutePath();
		this.name = imageName(this.executable);
	}

	/**
	 * Use a statically linked executable (built with {@code cc -static}, Go with
	 * {@code CGO_ENABLED=0}, Rust for {@code x86_64-unknown-linux-musl}, ...). An image
	 * with no base has no C library to load, so a dynamically linked program cannot run
	 * in it.
	 * @param executable the program
	 * @return the image of it
	 * @throws IllegalArgumentException if the file is not there
	 */
	public static NativePeerImage of(Path executable) {
		if (!Files.isRegularFile(executable)) {
			throw new IllegalArgumentException("No native peer executable at " + executable.toAbsolutePath());
		}
		return new NativePeerImage(executable);
	}

	/**
	 * Compile a C program, statically linked, with the machine's C compiler ({@code $CC},
	 * else {@code cc}) and the options {@code -O2 -pthread -static}; once per JVM for the
	 * same source and options. The static C library must be installed (Debian and Ubuntu:
	 * {@code libc6-dev}, which {@code gcc} brings).
	 * @param source the C source; headers it includes with quotes are found beside it
	 * @param compilerOptions further options, e.g. {@code -DTRACE} or {@code -lm}
	 * @return the image of the compiled program
	 * @throws IllegalStateException if there is no compiler or the compilation fails,
	 * with what the compiler said
	 */
	public static NativePeerImage compile(Path source, String... compilerOptions) {
		List<String> key = new ArrayList<>(List.of(source.toAbsolutePath().normalize().toString()));
		key.addAll(List.of(compilerOptions));
		return COMPILED.computeIfAbsent(key, (unused) -> new NativePeerImage(compileStatic(source, compilerOptions)));
	}

	/**
	 * Return the program the image runs.
	 * @return the executable on this machine
	 */
	public Path executable() {
		return this.executable;
	}

	/**
	 * Return the image's name, building the image first unless the engine has it.
	 * @return e.g. {@code winipc-native-peer/order_client:3f2a9c41d07e5b18}
	 */
	public String name() {
		return BUILT.computeIfAbsent(this.name, this::build);
	}

	private String build(String image) {
		if (!present(image)) {
			new ImageFromDockerfile(image, false).withFileFromPath("peer", this.executable)
				.withDockerfileFromBuilder((dockerfile) -> dockerfile.from("scratch")
					.copy("peer", ENTRY_POINT)
					.label(LABEL, this.executable.getFileName().toString())
					// the array form: exec, with no shell to run it (there is none)
					.entryPoint(new String[] { ENTRY_POINT }))
				.get();
		}
		return image;
	}

	private static boolean present(String image) {
		try {
			DockerClientFactory.instance().client().inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return this.name + " (" + this.executable + ")";
	}

	private static String imageName(Path executable) {
		String program = executable.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
		return "winipc-native-peer/" + program.replaceFirst("^[._-]+", "") + ":" + digest(executable);
	}

	private static String digest(Path executable) {
		try (InputStream content = Files.newInputStream(executable)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = content.read(buffer)) > 0) {
				digest.update(buffer, 0, read);
			}
			// the image's recipe counts too: a change to it must not find the old image
			digest.update((ENTRY_POINT + LABEL).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the native peer " + executable, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path compileStatic(Path source, String... options) {
		if (!Files.isRegularFile(source)) {
			throw new IllegalArgumentException("No C source at " + source.toAbsolutePath());
		}
		@Nullable String configured = System.getenv("CC");
		String compiler = (configured != null && !configured.isBlank()) ? configured.trim() : "cc";
		List<String> command = new ArrayList<>(List.of(compiler.split("\\s+")));
		try {
			Path directory = Files.createTempDirectory("winipc-native-peer-");
			Path output = directory.resolve(source.getFileName().toString().replaceFirst("\\.c$", ""));
			directory.toFile().deleteOnExit();
			output.toFile().deleteOnExit();
			command.addAll(List.of("-O2", "-pthread", "-static", "-o", output.toString(),
					source.toAbsolutePath().toString()));
			command.addAll(List.of(options));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Compiling " + source + " did not finish: " + String.join(" ", command));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Compiling " + source + " failed (exit " + process.exitValue() + "): "
						+ String.join(" ", command) + "\n" + log);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run the C compiler '" + command.get(0) + "' for " + source
					+ ": install gcc and the static C library (Debian, Ubuntu: apt-get install gcc libc6-dev)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while compiling " + source, ex);
		}
	}

}
