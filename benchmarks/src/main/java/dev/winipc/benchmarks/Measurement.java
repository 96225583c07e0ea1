package dev.winipc.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One figure of the table: the median of several runs, with their spread.
 *
 * @param median the median run
 * @param min the lowest run
 * @param max the highest run
 * @param unit what the figure counts, e.g. {@code msg/s} or {@code µs}
 * @param higherIsBetter whether more is better (throughput) or worse (latency)
 */
record Measurement(double median, double min, double max, String unit, boolean higherIsBetter) {

	/**
	 * Summarise runs.
	 * @param runs the figure of each run
	 * @param unit the unit
	 * @param higherIsBetter whether more is better
	 * @return the measurement
	 */
	static Measurement of(List<Double> runs, String unit, boolean higherIsBetter) {
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("no runs");
		}
		List<Double> sorted = new ArrayList<>(runs);
		Collections.sort(sorted);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new Measurement(median, sorted.get(0), sorted.get(n - 1), unit, higherIsBetter);
	}

	/**
	 * Return how this compares with a baseline, as "better" as a ratio above 1 reads:
	 * throughput over the baseline's, or for latencies this over the baseline's.
	 * @param baseline the baseline
	 * @return the ratio of the medians, this over the baseline
	 */
	double ratioTo(Measurement baseline) {
		return this.median / baseline.median;
	}

	/**
	 * Format {@link #ratioTo} a baseline.
	 * @param baseline the baseline
	 * @return e.g. {@code 1.25×}
	 */
	String formatRatioTo(Measurement baseline) {
		return String.format(Locale.ROOT, "%.2f×", ratioTo(baseline));
	}

	/**
	 * Format the figure with its spread.
	 * @return e.g. {@code 712k msg/s (690k–731k)}
	 */
	String format() {
		return human(this.median) + " " + this.unit + " (" + human(this.min) + "–" + human(this.max) + ")";
	}

	static String human(double value) {
		if (value >= 10_000_000) {
			return String.format(Locale.ROOT, "%.1fM", value / 1_000_000);
		}
		if (value >= 10_000) {
			return String.format(Locale.ROOT, "%.0fk", value / 1_000);
		}
		if (value >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
