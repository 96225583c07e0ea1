package dev.winipc.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A peer program running as a separate process, its output collected line by line so
 * a test can wait for what it prints.
 */
public final class PeerProcess implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** How long a kill waits for the output the process printed before it died. */
	private static final Duration DRAIN = Duration.ofSeconds(5);

	private final Process process;

	private final String description;

	private final List<String> stdout = new CopyOnWriteArrayList<>();

	private final StringBuffer stderr = new StringBuffer();

	private final List<Thread> pumps = new ArrayList<>();

	private PeerProcess(Process process, String description) {
		this.process = process;
		this.description = description;
		pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
		pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
	}

	/**
	 * Start a program.
	 * @param command the program and its arguments
	 * @return the running peer
	 */
	public static PeerProcess start(List<String> command) {
		try {
			return new PeerProcess(new ProcessBuilder(command).start(), String.join(" ", command));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	/**
	 * Start a program with an environment of its own rather than this JVM's.
	 * @param command the program and its arguments
	 * @param environment the whole environment the program gets
	 * @return the running peer
	 */
	public static PeerProcess start(List<String> command, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().clear();
		builder.environment().putAll(environment);
		try {
			return new PeerProcess(builder.start(), String.join(" ", command));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	/**
	 * Start a class of this test run in a JVM of its own: this JVM's {@code java}, the
	 * test class path.
	 * @param mainClass the class with the {@code main} method
	 * @param arguments its arguments
	 * @return the running JVM
	 */
	public static PeerProcess startJava(Class<?> mainClass, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
				mainClass.getName()));
		command.addAll(arguments);
		return start(command);
	}

	private void pump(BufferedReader reader, boolean out) {
		Thread pump = new Thread(() -> {
			try (reader) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (out) {
						this.stdout.add(line);
					}
					else {
						this.stderr.append(line).append('\n');
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "peer-output");
		pump.setDaemon(true);
		pump.start();
		this.pumps.add(pump);
	}

	/**
	 * Wait until the peer printed a line the predicate accepts.
	 * @param line what to wait for
	 * @return the line
	 */
	public String awaitLine(Predicate<String> line) {
		try {
			Awaitility.await().atMost(WAIT).until(() -> this.stdout.stream().anyMatch(line));
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Expected output missing from " + this.description + "; stdout: " + this.stdout
					+ " stderr: " + this.stderr, ex);
		}
		return this.stdout.stream().filter(line).findFirst().orElseThrow();
	}

	/**
	 * Wait until the peer printed this exact line.
	 * @param text the line
	 */
	public void awaitLine(String text) {
		awaitLine(text::equals);
	}

	/**
	 * Wait for the process to end.
	 * @return its exit code
	 */
	public int waitFor() {
		return waitFor(WAIT);
	}

	/**
	 * Wait for the process to end, at most {@code limit}.
	 * @param limit how long a long-running peer (a load client, say) may take on a busy
	 * machine
	 * @return its exit code
	 */
	public int waitFor(Duration limit) {
		try {
			if (!this.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError(this.description + " did not finish; stdout: " + this.stdout + " stderr: "
						+ this.stderr);
			}
			// the output is complete once the pumps have read to the end of it
			for (Thread pump : this.pumps) {
				pump.join(WAIT.toMillis());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Wait for the process to end and return everything it printed.
	 * @return its standard output lines
	 */
	public List<String> finish() {
		return finish(WAIT);
	}

	/**
	 * Wait at most {@code limit} for the process to end and return everything it printed.
	 * @param limit how long a long-running peer may take on a busy machine
	 * @return its standard output lines
	 */
	public List<String> finish(Duration limit) {
		int code = waitFor(limit);
		if (code != 0) {
			throw new AssertionError(this.description + " exited with " + code + "; stdout: " + this.stdout
					+ " stderr: " + this.stderr);
		}
		return lines();
	}

	/** @return what the peer printed so far */
	public List<String> lines() {
		return new ArrayList<>(this.stdout);
	}

	/** @return what the peer printed to standard error so far */
	public String errors() {
		return this.stderr.toString();
	}

	/** @return the process's standard input */
	public OutputStream stdin() {
		return this.process.getOutputStream();
	}

	/**
	 * Ask the process to stop, as a service manager does: SIGTERM on POSIX. Unlike
	 * {@link Process#destroy()} this keeps the output streams open, so what the process
	 * prints while it stops is still read.
	 */
	public void terminate() {
		this.process.toHandle().destroy();
	}

	/** @return whether the process is still running */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** @return the process's pid */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Kill the process as a crash would: no chance to clean up. Unlike
	 * {@link Process#destroyForcibly()} this keeps the output streams open, and returns
	 * once what the process printed before it died has been read.
	 */
	public void kill() {
		this.process.toHandle().destroyForcibly();
		try {
			this.process.waitFor();
			for (Thread pump : this.pumps) {
				pump.join(DRAIN.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
