package dev.winipc.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;

import dev.winipc.integration.EndpointMetrics;

/**
 * What an endpoint's meters cost per message on their own: a message read, a message
 * sent and timed, with the meters of an application without a registry
 * ({@link EndpointMetrics#NONE}) and with a Micrometer registry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EndpointMetricsBenchmark {

	@Param({ "none", "micrometer" })
	public String meters;

	private EndpointMetrics metrics;

	@Setup
	public void register() {
		this.metrics = this.meters.equals("none") ? EndpointMetrics.NONE
				: EndpointMetrics.builder("bench", "pipe", "inbound")
					.receives()
					.sends()
					.register(new MicrometerMetricsCaptor(new SimpleMeterRegistry()));
	}

	@Benchmark
	public void received() {
		this.metrics.received(64);
	}

	@Benchmark
	public void sent() {
		this.metrics.sent(64, this.metrics.sendStarted());
	}

}
