package dev.winipc.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meter overhead comparison, run once with tiny counts against the real native peer,
 * so that it cannot rot; its figures mean nothing and are not checked.
 */
class MeterOverheadSmokeTests {

	@Test
	void everyPathRunsWithoutAndWithAMeterRegistry() throws Exception {
		List<String> table = MeterOverhead.table(Settings.SMOKE);

		assertThat(table).hasSize(2 + 10 + 4);
		// path, no registry, winipc's meters, ratio, every component's meters, ratio
		assertThat(table.subList(2, 12))
			.allSatisfy((row) -> assertThat(row).matches("\\| .+ \\| .+ \\| .+ \\| \\d+\\.\\d\\d× \\| .+ \\| \\d+\\.\\d\\d× \\|"));
		assertThat(table).anyMatch((row) -> row.startsWith("| meter call received, micrometer | "))
			.anyMatch((row) -> row.startsWith("| meter call sent, none | "));
	}

}
