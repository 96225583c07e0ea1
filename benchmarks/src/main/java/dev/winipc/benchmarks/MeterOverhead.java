package dev.winipc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * What winipc's meters cost on the hot paths: the paths that do least per message, each
 * run without a {@code MeterRegistry}, with one handed to the winipc endpoints only (they
 * count what they carry), and with one handed to every component as Spring Integration's
 * management does in a Boot application (its channels and handlers then time every
 * message too); the runs of the three alternate in one JVM. Then the meter calls on their
 * own ({@link EndpointMetricsBenchmark}, with the bytes they allocate). Run after
 * {@code ./mvnw -q install -DskipTests}, from {@code benchmarks/}:
 * <pre>
 * ../mvnw -q exec:exec -Dexec.executable=java -Dexec.args="-cp %classpath dev.winipc.benchmarks.MeterOverhead"
 * </pre>
 * {@code --smoke} runs each once with tiny counts.
 */
public final class MeterOverhead {

	private static final String[] VARIANTS = { "none", "winipc", "all" };

	private MeterOverhead() {
	}

	/**
	 * Measure and print the table.
	 * @param args {@code --smoke} for a smoke run
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		boolean smoke = List.of(args).contains("--smoke");
		table(smoke ? Settings.SMOKE : new Settings(1, 3, 1_000_000, 10_000_000, 20_000, 5)).forEach(System.out::println);
	}

	/**
	 * Measure every path and the meter calls.
	 * @param settings how much each run does; {@code jmhIterations} 0 runs the meter
	 * calls once, in this JVM
	 * @return the table's lines
	 * @throws RunnerException if JMH fails
	 */
	static List<String> table(Settings settings) throws RunnerException {
		NativePeer peer = BenchmarkTable.compilePeer();
		RingBenchmarks ring = new RingBenchmarks(peer, settings);
		PipeBenchmarks pipes = new PipeBenchmarks(peer, settings);
		MailslotBenchmarks mailslots = new MailslotBenchmarks(peer, settings);
		List<String> table = new ArrayList<>();
		table.add("| path | no MeterRegistry | winipc's meters | ÷ none | every component's meters | ÷ none |");
		table.add("|---|---|---|---|---|---|");
		compare(table, "shared-memory ring inbound adapter, 64 B, ids off", () -> ring.inboundAdapter(64, false), true);
		compare(table, "shared-memory ring inbound adapter, 64 B, ids on", () -> ring.inboundAdapter(64, true), true);
		compare(table, "pipe inbound adapter, 64 B", () -> pipes.inboundAdapter(64), true);
		compare(table, "mailslot inbound adapter, 64 B", () -> mailslots.inboundAdapter(64), true);
		compare(table, "shared-memory ring outbound adapter, 64 B", () -> ring.outboundAdapter(64), false);
		compare(table, "pipe outbound adapter, 64 B", () -> pipes.outboundAdapter(64), false);
		meterCalls(table, settings);
		return table;
	}

	/** Run a path in every variant, alternately, and add its rows. */
	private static void compare(List<String> table, String path, Supplier<Runs.Result> benchmark,
			boolean allocation) {
		List<List<double[]>> runs = new ArrayList<>();
		for (String variant : VARIANTS) {
			runs.add(new ArrayList<>());
		}
		for (int pass = 0; pass < 2; pass++) {
			for (int variant = 0; variant < VARIANTS.length; variant++) {
				runs.get(variant).addAll(run(benchmark, VARIANTS[variant]).runs());
			}
		}
		row(table, path, runs, 0, "msg/s", true);
		if (allocation) {
			row(table, path + ": allocation on the reader thread", runs, 1, "B/msg", false);
		}
	}

	private static Runs.Result run(Supplier<Runs.Result> benchmark, String meters) {
		System.setProperty(Flows.METERS, meters);
		try {
			return benchmark.get();
		}
		finally {
			System.clearProperty(Flows.METERS);
		}
	}

	private static void row(List<String> table, String path, List<List<double[]>> runs, int index, String unit,
			boolean higherIsBetter) {
		List<Measurement> figures = new ArrayList<>();
		for (List<double[]> variant : runs) {
			figures.add(Measurement.of(variant.stream().map((run) -> run[index]).toList(), unit, higherIsBetter));
		}
		table.add("| " + path + " | " + figures.get(0).format() + " | " + figures.get(1).format() + " | "
				+ figures.get(1).formatRatioTo(figures.get(0)) + " | "
				+ figures.get(2).format() + " | "
				+ figures.get(2).formatRatioTo(figures.get(0)) + " |");
	}

	private static void meterCalls(List<String> table, Settings settings) throws RunnerException {
		ChainedOptionsBuilder options = settings.jmh(EndpointMetricsBenchmark.class);
		for (RunResult result : new Runner(options.build()).run()) {
			String call = result.getParams().getBenchmark().replaceFirst(".*\\.", "") + ", "
					+ result.getParams().getParam("meters");
			Result allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
			String time = String.format(Locale.ROOT, "%.1f ns", result.getPrimaryResult().getScore());
			String bytes = (allocation != null) ? String.format(Locale.ROOT, "%.2f B/op", allocation.getScore()) : "";
			table.add("| meter call " + call + " | " + time + " | " + bytes + " | | | |");
		}
	}

}
