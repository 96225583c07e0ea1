package dev.winipc.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;

/**
 * An endpoint's meters in a Micrometer registry, each registered once with its tags;
 * counting allocates nothing. Loaded only when Micrometer is on the class path.
 */
final class MicrometerEndpointMetrics implements EndpointMetrics {

	private static final String INBOUND = "inbound";

	private static final String OUTBOUND = "outbound";

	private final MeterRegistry registry;

	private final Clock clock;

	private final List<Meter> meters = new ArrayList<>();

	// The inbound meters exist when the endpoint receives, the outbound ones when it
	// sends; an endpoint calls only those of what it does.

	private final @Nullable Counter received;

	private final @Nullable Counter receiveFailed;

	private final @Nullable Counter receivedBytes;

	private final @Nullable Counter sent;

	private final @Nullable Counter sendFailed;

	private final @Nullable Counter sentBytes;

	private final @Nullable Timer send;

	private MicrometerEndpointMetrics(MeterRegistry registry, EndpointMetrics.Builder builder) {
		this.registry = registry;
		this.clock = registry.config().clock();
		Tags inbound = tags(builder, INBOUND);
		Tags outbound = tags(builder, OUTBOUND);
		this.received = builder.receives ? messages(inbound, "ok") : null;
		this.receiveFailed = builder.receives ? messages(inbound, "error") : null;
		this.receivedBytes = builder.receives ? bytes(inbound) : null;
		this.sent = builder.sends ? messages(outbound, "ok") : null;
		this.sendFailed = builder.sends ? messages(outbound, "error") : null;
		this.sentBytes = builder.sends ? bytes(outbound) : null;
		this.send = builder.sends ? keep(Timer.builder(SEND)
			.description("Sends of a winipc endpoint: a write, or a request until its reply")
			.tags(outbound)
			.register(registry)) : null;
		Tags side = tags(builder, builder.side);
		for (EndpointGauge gauge : builder.gauges) {
			keep(Gauge.builder(gauge.name(), gauge.value()::getAsDouble)
				.description(gauge.description())
				.tags(side)
				.strongReference(true)
				.register(registry));
		}
	}

	static EndpointMetrics register(MetricsCaptor captor, EndpointMetrics.Builder builder) {
		if (captor instanceof MicrometerMetricsCaptor micrometer) {
			return new MicrometerEndpointMetrics(micrometer.getMeterRegistry(), builder);
		}
		return NONE;
	}

	private static Tags tags(EndpointMetrics.Builder builder, String direction) {
		return Tags.of("endpoint", builder.endpointId, "transport", builder.transport, "direction", direction);
	}

	private Counter messages(Tags tags, String result) {
		return keep(Counter.builder(MESSAGES)
			.description("Messages of a winipc endpoint: read or written (ok), or input it could not read and "
					+ "writes that failed (error)")
			.tags(tags)
			.tag("result", result)
			.register(this.registry));
	}

	private Counter bytes(Tags tags) {
		return keep(Counter.builder(BYTES)
			.description("Bytes of the messages a winipc endpoint read or wrote")
			.baseUnit("bytes")
			.tags(tags)
			.register(this.registry));
	}

	private <M extends Meter> M keep(M meter) {
		this.meters.add(meter);
		return meter;
	}

	@Override
	public void received(int bytes) {
		this.received.increment();
		this.receivedBytes.increment(bytes);
	}

	@Override
	public void received(long messages, long bytes) {
		this.received.increment(messages);
		this.receivedBytes.increment(bytes);
	}

	@Override
	public void receiveFailed() {
		this.receiveFailed.increment();
	}

	@Override
	public long sendStarted() {
		return this.clock.monotonicTime();
	}

	@Override
	public void sent(int bytes, long started) {
		this.sent.increment();
		this.sentBytes.increment(bytes);
		this.send.record(this.clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
	}

	@Override
	public void sendFailed() {
		this.sendFailed.increment();
	}

	@Override
	public void remove() {
		this.meters.forEach(this.registry::remove);
		this.meters.clear();
	}

}
