package dev.winipc.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.winipc.transport.EndpointName;

/**
 * What every peer-driven benchmark shares: running a benchmark several times, fresh
 * endpoint names and free ports.
 */
final class Runs {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private Runs() {
	}

	/**
	 * Run a benchmark's warm-up runs, then once per configured run.
	 * @param settings how many runs
	 * @param run one run, given its index; returns its figures, always in the same order
	 * @return the figures of every run after the warm-up
	 */
	static Result repeat(Settings settings, IntFunction<double[]> run) {
		List<double[]> runs = new ArrayList<>();
		for (int i = 0; i < settings.warmupRuns() + settings.runs(); i++) {
			double[] figures = run.apply(i);
			if (i >= settings.warmupRuns()) {
				runs.add(figures);
			}
			pause();
		}
		return new Result(runs);
	}

	private static void pause() {
		try {
			// Let the sockets of the last run close, and the JIT settle.
			TimeUnit.MILLISECONDS.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Return a name no other endpoint of this run uses.
	 * @param kind e.g. {@code pipe}
	 * @return the name
	 */
	static String freshName(String kind) {
		return "winipc-bench-" + kind + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
	}

	/**
	 * Return the socket file of an endpoint.
	 * @param name the endpoint's name
	 * @return the socket file's path, as a native peer takes it
	 */
	static String socketPath(EndpointName name) {
		return name.posixPath().toString();
	}

	/**
	 * Remove a file a killed native peer left.
	 * @param path the file
	 */
	static void delete(String path) {
		try {
			Files.deleteIfExists(Path.of(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return a TCP port nothing listens on */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The runs of one benchmark: each run's figures, in the same order.
	 * @param runs the figures of each run
	 */
	record Result(List<double[]> runs) {

		/**
		 * Summarise one figure over the runs.
		 * @param index the figure's position in each run
		 * @param unit its unit
		 * @param higherIsBetter whether more is better
		 * @return the median and spread
		 */
		Measurement figure(int index, String unit, boolean higherIsBetter) {
			List<Double> values = new ArrayList<>();
			this.runs.forEach((run) -> values.add(run[index]));
			return Measurement.of(values, unit, higherIsBetter);
		}

	}

}
