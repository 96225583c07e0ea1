package dev.winipc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native side of the benchmarks, {@code src/main/c/bench_peer.c}, compiled once with
 * the machine's C compiler ({@code $CC}, else {@code cc}) with {@code -O2}.
 */
final class NativePeer {

	private static final Pattern NANOS = Pattern.compile("(?:sent|read) (\\d+) in (\\d+) ns");

	private static final Pattern PERCENTILES = Pattern.compile("(?:rtt|latency) p50 (\\d+) p99 (\\d+) mean (\\d+)");

	private final Path executable;

	private NativePeer(Path executable) {
		this.executable = executable;
	}

	/**
	 * Compile the peer into a directory.
	 * @param source {@code bench_peer.c}
	 * @param headers where the headers it shares with the test peers are
	 * @param directory where the executable goes
	 * @return the peer
	 */
	static NativePeer compile(Path source, Path headers, Path directory) {
		try {
			Files.createDirectories(directory);
			Path executable = directory.resolve("bench_peer");
			String compiler = System.getenv().getOrDefault("CC", "cc");
			Process process = new ProcessBuilder(compiler, "-O2", "-Wall", "-I", headers.toString(), "-o",
					executable.toString(), source.toString())
				.redirectErrorStream(true)
				.start();
			String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException("Compiling " + source + " failed:\n" + log);
			}
			return new NativePeer(executable);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No C compiler to build " + source, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the peer.
	 * @param arguments its mode and arguments
	 * @return the running peer
	 */
	Running start(Object... arguments) {
		List<String> command = new ArrayList<>(List.of(this.executable.toString()));
		for (Object argument : arguments) {
			command.add(argument.toString());
		}
		try {
			return new Running(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parse a writer's or reader's report.
	 * @param line e.g. {@code read 100000 in 123456 ns}
	 * @return the messages per second it reports
	 */
	static double messagesPerSecond(String line) {
		Matcher matcher = NANOS.matcher(line);
		if (!matcher.matches()) {
			throw new IllegalStateException("Unexpected report: " + line);
		}
		return Long.parseLong(matcher.group(1)) * 1e9 / Long.parseLong(matcher.group(2));
	}

	/**
	 * Parse a ping client's or a latency reader's report.
	 * @param line e.g. {@code rtt p50 10000 p99 50000 mean 12000}
	 * @return the p50 and p99 in microseconds
	 */
	static double[] latencyMicros(String line) {
		Matcher matcher = PERCENTILES.matcher(line);
		if (!matcher.matches()) {
			throw new IllegalStateException("Unexpected report: " + line);
		}
		return new double[] { Long.parseLong(matcher.group(1)) / 1e3, Long.parseLong(matcher.group(2)) / 1e3 };
	}

	/**
	 * A running peer.
	 */
	static final class Running implements AutoCloseable {

		private final Process process;

		private final BufferedReader output;

		Running(Process process) {
			this.process = process;
			this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		/**
		 * Wait for the next line it prints.
		 * @return the line
		 */
		String nextLine() {
			try {
				String line = this.output.readLine();
				if (line == null) {
					throw new IllegalStateException("bench_peer ended (exit " + this.process.waitFor() + ")");
				}
				return line;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Wait for its last line, and for it to end.
		 * @return the line
		 */
		CompletableFuture<String> lastLine() {
			return CompletableFuture.supplyAsync(() -> {
				String line = nextLine();
				try {
					if (!this.process.waitFor(5, TimeUnit.MINUTES)) {
						throw new IllegalStateException("bench_peer did not end");
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return line;
			});
		}

		/**
		 * Wait for a latch that the peer's output counts down, as long as the peer works:
		 * fail as soon as it fails, or when it ended well and nothing arrived for 30
		 * seconds since.
		 * @param latch what to wait for
		 * @param progress what has arrived, for the error
		 */
		void awaitWhileRunning(CountDownLatch latch, Supplier<String> progress) {
			try {
				long endedAt = 0;
				while (!latch.await(100, TimeUnit.MILLISECONDS)) {
					if (this.process.isAlive()) {
						continue;
					}
					if (this.process.exitValue() != 0) {
						throw new IllegalStateException("bench_peer failed (exit " + this.process.exitValue()
								+ "); arrived: " + progress.get());
					}
					endedAt = (endedAt == 0) ? System.nanoTime() : endedAt;
					if (System.nanoTime() - endedAt > TimeUnit.SECONDS.toNanos(30)) {
						throw new IllegalStateException("bench_peer ended, but only " + progress.get() + " arrived");
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
