package dev.winipc.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

import dev.winipc.shm.IdleStrategyType;

/**
 * Runs every benchmark, each beside its baselines in the same run, and prints one table:
 * for each path winipc's figure (the median of several runs, with their spread), each
 * baseline's, and the ratio. {@code benchmarks/run.sh} runs it; {@code --smoke} runs
 * every benchmark once with tiny counts, as the tests do.
 */
public final class BenchmarkTable {

	private static final String MSG_S = "msg/s";

	private static final String B_MSG = "B/msg";

	private static final String MICROS = "µs";

	private static final String[] PERCENTILE = { "p50", "p99" };

	private final Settings settings;

	private final NativePeer peer;

	private final List<Row> rows = new ArrayList<>();

	BenchmarkTable(Settings settings, NativePeer peer) {
		this.settings = settings;
		this.peer = peer;
	}

	/**
	 * Run the benchmarks and print the table.
	 * @param args {@code --smoke} for a smoke run
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		boolean smoke = List.of(args).contains("--smoke");
		BenchmarkTable table = new BenchmarkTable(smoke ? Settings.SMOKE : Settings.FULL, compilePeer());
		table.run();
		System.out.println(table.render());
	}

	/**
	 * Compile {@code bench_peer} from this module's directory.
	 * @return the peer
	 */
	static NativePeer compilePeer() {
		return NativePeer.compile(Path.of("src/main/c/bench_peer.c"),
				Path.of("../transport-core/src/test/resources/peers"), Path.of("target/native"));
	}

	List<Row> run() throws RunnerException {
		PipeBenchmarks pipes = new PipeBenchmarks(this.peer, this.settings);
		pipes(pipes);
		mailslots(new MailslotBenchmarks(this.peer, this.settings), pipes);
		ring(new RingBenchmarks(this.peer, this.settings));
		springFloor();
		return this.rows;
	}

	private void pipes(PipeBenchmarks pipes) {
		for (int size : new int[] { 64, 1024, 64 * 1024 }) {
			String path = "pipe inbound adapter, " + bytes(size) + " (C writer)";
			Runs.Result winipc = pipes.inboundAdapter(size);
			Runs.Result tcpNet = pipes.tcpInboundAdapter(size, false);
			Runs.Result tcpNio = pipes.tcpInboundAdapter(size, true);
			Measurement rate = winipc.figure(0, MSG_S, true);
			add(path, rate, "C reader, same socket (ceiling)", pipes.nativeReader(size).figure(0, MSG_S, true));
			add(path, rate, "SI TCP inbound adapter, Net", tcpNet.figure(0, MSG_S, true));
			add(path, rate, "SI TCP inbound adapter, NIO", tcpNio.figure(0, MSG_S, true));
			add(path + ": allocation on the reader thread", winipc.figure(1, B_MSG, false),
					"SI TCP inbound adapter, Net", tcpNet.figure(1, B_MSG, false));
		}
		Runs.Result gateway = pipes.inboundGateway(64);
		Runs.Result pingPong = pipes.nativePingPong(64);
		Runs.Result tcpGatewayNet = pipes.tcpInboundGateway(64, false);
		Runs.Result tcpGatewayNio = pipes.tcpInboundGateway(64, true);
		for (int percentile = 0; percentile < 2; percentile++) {
			String path = "pipe inbound gateway round trip, 64 B (C client), " + PERCENTILE[percentile];
			Measurement rtt = gateway.figure(percentile, MICROS, false);
			add(path, rtt, "C ping-pong, same socket (ceiling)", pingPong.figure(percentile, MICROS, false));
			add(path, rtt, "SI TCP inbound gateway, Net", tcpGatewayNet.figure(percentile, MICROS, false));
			add(path, rtt, "SI TCP inbound gateway, NIO", tcpGatewayNio.figure(percentile, MICROS, false));
		}
		for (int size : new int[] { 64, 1024 }) {
			String path = "pipe outbound adapter, " + bytes(size) + " (C reader)";
			Measurement rate = pipes.outboundAdapter(size).figure(0, MSG_S, true);
			add(path, rate, "C writer into the C reader (ceiling)", pipes.nativeReader(size).figure(0, MSG_S, true));
			add(path, rate, "SI TCP outbound adapter, Net", pipes.tcpOutboundAdapter(size, false).figure(0, MSG_S, true));
		}
	}

	private void mailslots(MailslotBenchmarks mailslots, PipeBenchmarks pipes) {
		for (int size : new int[] { 64, 1024 }) {
			String path = "mailslot inbound adapter, " + bytes(size) + " (C writer)";
			Runs.Result winipc = mailslots.inboundAdapter(size);
			Measurement rate = winipc.figure(0, MSG_S, true);
			add(path, rate, "C reader, same socket (ceiling)", mailslots.nativeReader(size).figure(0, MSG_S, true));
			add(path, rate, "SI TCP inbound adapter, Net", pipes.tcpInboundAdapter(size, false).figure(0, MSG_S, true));
			add(path + ": allocation on the reader thread", winipc.figure(1, B_MSG, false), "", null);
		}
	}

	private void ring(RingBenchmarks ring) {
		Measurement ceiling = ring.nativeReader(64).figure(0, MSG_S, true);
		for (boolean ids : new boolean[] { true, false }) {
			String path = "shared-memory ring inbound adapter, 64 B (C writer), ids " + (ids ? "on" : "off");
			Runs.Result winipc = ring.inboundAdapter(64, ids);
			add(path, winipc.figure(0, MSG_S, true), "C reader, same ring (ceiling)", ceiling);
			add(path + ": allocation on the reader thread", winipc.figure(1, B_MSG, false), "", null);
		}
		add("shared-memory ring outbound adapter, 64 B (C reader)", ring.outboundAdapter(64).figure(0, MSG_S, true),
				"C writer into the C reader (ceiling)", ceiling);
		Runs.Result busySpin = ring.latency(IdleStrategyType.BUSY_SPIN);
		Runs.Result backOff = ring.latency(IdleStrategyType.BACKOFF);
		Runs.Result nativeLatency = ring.nativeLatency();
		for (int percentile = 0; percentile < 2; percentile++) {
			String path = "shared-memory ring one-way latency, 64 B (C writer), " + PERCENTILE[percentile];
			Measurement ceilingLatency = nativeLatency.figure(percentile, MICROS, false);
			add(path + ", busy-spin", busySpin.figure(percentile, MICROS, false), "C reader, busy-spin (ceiling)",
					ceilingLatency);
			add(path + ", backoff (default)", backOff.figure(percentile, MICROS, false),
					"C reader, busy-spin (ceiling)", ceilingLatency);
		}
	}

	private void springFloor() throws RunnerException {
		ChainedOptionsBuilder options = this.settings.jmh(SpringFloorBenchmark.class);
		Measurement withIds = null;
		for (RunResult result : new Runner(options.build()).run()) {
			String method = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
			Result primary = result.getPrimaryResult();
			Measurement rate = Measurement.of(List.of(primary.getScore()), MSG_S, true);
			Result allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
			String path = "Spring floor: " + method;
			if (method.equals("genericMessageWithIdAndTimestamp")) {
				withIds = rate;
			}
			this.rows.add(new Row(path, rate, "—", null));
			if (allocation != null) {
				this.rows.add(new Row(path + ": allocation", Measurement.of(List.of(allocation.getScore()), B_MSG,
						false), "—", null));
			}
		}
		if (withIds == null) {
			throw new IllegalStateException("JMH ran no floor benchmark");
		}
	}

	private void add(String path, Measurement winipc, String baseline, Measurement baselineFigure) {
		this.rows.add(new Row(path, winipc, baseline, baselineFigure));
	}

	String render() {
		StringBuilder table = new StringBuilder();
		table.append("| path | winipc | baseline | baseline's figure | winipc ÷ baseline |\n");
		table.append("|---|---|---|---|---|\n");
		for (Row row : this.rows) {
			table.append("| ").append(row.path()).append(" | ").append(row.winipc().format()).append(" | ")
				.append(row.baseline()).append(" | ")
				.append((row.baselineFigure() != null) ? row.baselineFigure().format() : "")
				.append(" | ")
				.append((row.baselineFigure() != null)
						? row.winipc().formatRatioTo(row.baselineFigure()) : "")
				.append(" |\n");
		}
		return table.toString();
	}

	private static String bytes(int size) {
		return (size >= 1024) ? (size / 1024) + " KiB" : size + " B";
	}

	/**
	 * One line of the table.
	 * @param path what is measured
	 * @param winipc winipc's figure
	 * @param baseline what it is compared with
	 * @param baselineFigure the baseline's figure, or {@code null} for none
	 */
	record Row(String path, Measurement winipc, String baseline, Measurement baselineFigure) {
	}

}
