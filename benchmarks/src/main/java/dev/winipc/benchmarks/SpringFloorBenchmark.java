package dev.winipc.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.support.DefaultMessageBuilderFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import dev.winipc.integration.MessageOrigin;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.transport.PeerIdentity;

/**
 * Spring's own floor for one inbound message — a {@link GenericMessage} sent to a
 * {@link DirectChannel} whose subscriber consumes it, with and without the {@code id} and
 * {@code timestamp} headers — and winipc's inbound mapping on top of it: what every
 * inbound path costs besides its I/O.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpringFloorBenchmark {

	private final DirectChannel channel = new DirectChannel();

	private final byte[] payload = new byte[64];

	private final WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	private final DefaultMessageBuilderFactory builders = new DefaultMessageBuilderFactory();

	private MessageOrigin origin;

	private MessageHeaders sharedHeaders;

	private Map<String, Object> headers;

	private Blackhole sink;

	@Setup
	public void subscribe(Blackhole blackhole) {
		this.sink = blackhole;
		this.channel.subscribe(this::consume);
		this.origin = MessageOrigin.of("pipe", "bench", "bench-1", new PeerIdentity(4242L, "user"));
		this.headers = this.origin.headers();
		this.sharedHeaders = new HeadersWithoutId(this.headers);
	}

	private void consume(Message<?> message) {
		this.sink.consume(message);
	}

	@Benchmark
	public void genericMessageWithIdAndTimestamp() {
		this.channel.send(new GenericMessage<>(this.payload, this.headers));
	}

	@Benchmark
	public void genericMessageWithoutIdAndTimestamp() {
		this.channel.send(new GenericMessage<>(this.payload, this.sharedHeaders));
	}

	@Benchmark
	public void winipcInboundMapping() {
		this.channel.send(this.mapper.toMessage(this.origin, this.payload, this.builders));
	}

	/** One header instance for every message, without id or timestamp. */
	static final class HeadersWithoutId extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		HeadersWithoutId(Map<String, Object> headers) {
			super(headers, ID_VALUE_NONE, -1L);
		}

	}

}
