package dev.winipc.benchmarks;

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
