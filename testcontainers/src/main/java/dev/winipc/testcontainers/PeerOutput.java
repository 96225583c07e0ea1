package dev.winipc.testcontainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.OutputFrame.OutputType;

/**
 * What a container's program prints, line by line, kept apart by stream, so that a test
 * can wait for a line and read the rest once the program ended.
 */
final class PeerOutput implements Consumer<OutputFrame> {

	private final List<String> stdout = new ArrayList<>();

	private final StringBuilder stderr = new StringBuilder();

	private boolean ended;

	@Override
	public synchronized void accept(OutputFrame frame) {
		if (frame.getType() == OutputType.END) {
			// every stream's last line is in before the first end
			this.ended = true;
		}
		else if (frame.getType() == OutputType.STDERR) {
			this.stderr.append(frame.getUtf8StringWithoutLineEnding()).append('\n');
		}
		else {
			this.stdout.add(frame.getUtf8StringWithoutLineEnding());
		}
		notifyAll();
	}

	/**
	 * Wait for a line.
	 * @param line what it must be
	 * @param limit how long to wait
	 * @return the first line accepted, or empty if none came within the limit or the
	 * output ended without one
	 */
	synchronized Optional<String> await(Predicate<String> line, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			Optional<String> found = this.stdout.stream().filter(line).findFirst();
			long left = deadline - System.nanoTime();
			if (found.isPresent() || this.ended || left <= 0) {
				return found;
			}
			pause(left);
		}
	}

	/**
	 * Wait for the end of the output, once the program ended.
	 * @param limit how long to wait
	 * @return whether it ended
	 */
	synchronized boolean awaitEnd(Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		long left;
		while (!this.ended && (left = deadline - System.nanoTime()) > 0) {
			pause(left);
		}
		return this.ended;
	}

	synchronized List<String> lines() {
		return List.copyOf(this.stdout);
	}

	synchronized String errors() {
		return this.stderr.toString();
	}

	@Override
	public synchronized String toString() {
		return "stdout: " + this.stdout + " stderr: " + this.stderr;
	}

	private void pause(long nanos) {
		try {
			wait(Math.max(1, nanos / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a native peer's output", ex);
		}
	}

}
