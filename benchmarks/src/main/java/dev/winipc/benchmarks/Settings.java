package dev.winipc.benchmarks;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * How much each benchmark does: the full run, or a smoke run that only proves every
 * benchmark still runs.
 *
 * @param warmupRuns runs of each benchmark first whose figures are dropped (the JIT
 * compiles the path meanwhile)
 * @param runs runs of each benchmark; each figure is their median
 * @param messagesAt64 messages per throughput run at 64 bytes (fewer for larger ones)
 * @param ringMessages records per shared-memory ring throughput run
 * @param roundTrips round trips (or stamped records) per latency run
 * @param jmhIterations measurement iterations of each JMH benchmark (0: do not fork)
 */
record Settings(int warmupRuns, int runs, int messagesAt64, int ringMessages, int roundTrips, int jmhIterations) {

	/** The full run. */
	static final Settings FULL = new Settings(1, 5, 1_000_000, 10_000_000, 20_000, 5);

	/** A smoke run, as the tests make it. */
	static final Settings SMOKE = new Settings(0, 1, 2_000, 2_000, 200, 0);

	/**
	 * Return the JMH options of a benchmark class, with {@code -prof gc}: one fork,
	 * 3 × 1 s warm-up and {@link #jmhIterations} × 1 s measurement, or, with
	 * {@code jmhIterations} 0, one 200 ms iteration in this JVM.
	 * @param benchmark the class of the JMH benchmarks
	 * @return the options
	 */
	ChainedOptionsBuilder jmh(Class<?> benchmark) {
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark.getName())
			.addProfiler(GCProfiler.class)
			.verbosity(VerboseMode.SILENT);
		if (this.jmhIterations == 0) {
			return options.forks(0).warmupIterations(0).measurementIterations(1)
				.measurementTime(TimeValue.milliseconds(200));
		}
		return options.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(this.jmhIterations)
			.measurementTime(TimeValue.seconds(1));
	}

	/**
	 * Return the messages of one throughput run: the same bytes at every size, within
	 * bounds.
	 * @param size the message size
	 * @return the count
	 */
	int messages(int size) {
		long bytes = (long) this.messagesAt64 * 64;
		return (int) Math.max(Math.min(this.messagesAt64, bytes / Math.max(size, 64)), Math.min(this.messagesAt64, 20_000));
	}

}
