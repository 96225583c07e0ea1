package dev.winipc.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark, run once with tiny counts against the real native peer, so none can
 * rot: each row of the table gets a figure, and each baseline its own. The figures of a
 * smoke run mean nothing and are not checked.
 */
class BenchmarkTableSmokeTests {

	@Test
	void everyBenchmarkRunsAndFillsItsRow() throws Exception {
		BenchmarkTable table = new BenchmarkTable(Settings.SMOKE, BenchmarkTable.compilePeer());

		List<BenchmarkTable.Row> rows = table.run();

		assertThat(rows).extracting(BenchmarkTable.Row::path)
			.anyMatch((path) -> path.startsWith("pipe inbound adapter, 64 KiB"))
			.anyMatch((path) -> path.startsWith("pipe inbound gateway round trip"))
			.anyMatch((path) -> path.startsWith("pipe outbound adapter"))
			.anyMatch((path) -> path.startsWith("mailslot inbound adapter, 1 KiB"))
			.anyMatch((path) -> path.startsWith("shared-memory ring inbound adapter, 64 B (C writer), ids off"))
			.anyMatch((path) -> path.startsWith("shared-memory ring outbound adapter"))
			.anyMatch((path) -> path.startsWith("shared-memory ring one-way latency"))
			.anyMatch((path) -> path.startsWith("Spring floor: genericMessageWithoutIdAndTimestamp"));
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.winipc().median()).as(row.path()).isPositive().isFinite();
			if (row.baselineFigure() != null) {
				assertThat(row.baselineFigure().median()).as(row.path() + " against " + row.baseline())
					.isPositive()
					.isFinite();
			}
		});
		assertThat(table.render().lines()).hasSize(rows.size() + 2);
	}

}
