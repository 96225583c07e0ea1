package dev.winipc.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

import dev.winipc.integration.dsl.SharedMemorySpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.shm.IdleStrategyType;

/**
 * The shared-memory ring's paths and their ceilings, each against {@code bench_peer}: a C
 * writer into the inbound adapter (message ids on and off), the outbound adapter into a
 * C reader, and the one-way latency of stamped records; the same C writer into a C
 * reader is the ceiling of each.
 */
final class RingBenchmarks {

	/** The ring's record space: 1 MiB. */
	static final int CAPACITY = 1 << 20;

	/** The writer's pause between stamped records: 10 µs, far below what the ring can carry. */
	private static final long STAMP_GAP_NANOS = 10_000;

	private final NativePeer peer;

	private final Settings settings;

	RingBenchmarks(NativePeer peer, Settings settings) {
		this.peer = peer;
		this.settings = settings;
	}

	/** Records of one size from a C writer into the inbound adapter. */
	Runs.Result inboundAdapter(int size, boolean ids) {
		int count = this.settings.ringMessages();
		return Runs.repeat(this.settings, (run) -> {
			String name = Runs.freshName("ring");
			try (Flows flows = new Flows()) {
				Counter counter = new Counter(count);
				flows.register(IntegrationFlow
					.from(WinIpc.inboundAdapter(ring(name)).generateIdAndTimestamp(ids))
					.handle(counter)
					.get());
				try (NativePeer.Running writer = this.peer.start("ring-write", name, CAPACITY, count, size)) {
					counter.await(writer);
					writer.lastLine().join();
				}
				return new double[] { counter.messagesPerSecond(), counter.bytesPerMessage() };
			}
		});
	}

	/** The same records from the C writer into a C reader: the ceiling. */
	Runs.Result nativeReader(int size) {
		int count = this.settings.ringMessages();
		return Runs.repeat(this.settings, (run) -> {
			String name = Runs.freshName("ring");
			try (NativePeer.Running reader = this.peer.start("ring-read", name, CAPACITY, count)) {
				reader.nextLine();
				try (NativePeer.Running writer = this.peer.start("ring-write", name, CAPACITY, count, size)) {
					double rate = NativePeer.messagesPerSecond(reader.lastLine().join());
					writer.lastLine().join();
					return new double[] { rate };
				}
			}
		});
	}

	/** Records the outbound adapter writes into a ring a C reader created and reads. */
	Runs.Result outboundAdapter(int size) {
		int count = this.settings.ringMessages();
		return Runs.repeat(this.settings, (run) -> {
			String name = Runs.freshName("ring");
			try (Flows flows = new Flows();
					NativePeer.Running reader = this.peer.start("ring-read", name, CAPACITY, count)) {
				reader.nextLine();
				MessageChannel input = flows
					.register((flow) -> flow
						.handle(WinIpc.outboundAdapter(WinIpc.sharedMemory(name).capacity(CAPACITY).create(false))))
					.getInputChannel();
				Message<byte[]> message = MessageBuilder.withPayload(new byte[size]).build();
				for (int i = 0; i < count; i++) {
					input.send(message);
				}
				return new double[] { NativePeer.messagesPerSecond(reader.lastLine().join()) };
			}
		});
	}

	/**
	 * The one-way latency of records a C writer stamps with the monotonic clock, read by
	 * the inbound adapter with an idle strategy, as the handler sees them.
	 */
	Runs.Result latency(IdleStrategyType idleStrategy) {
		int count = this.settings.roundTrips();
		return Runs.repeat(this.settings, (run) -> {
			String name = Runs.freshName("ring");
			try (Flows flows = new Flows()) {
				Stamps stamps = new Stamps(count);
				flows.register(IntegrationFlow
					.from(WinIpc.inboundAdapter(ring(name).idleStrategy(idleStrategy)))
					.handle(stamps)
					.get());
				try (NativePeer.Running writer = this.peer.start("ring-stamp", name, CAPACITY, count,
						STAMP_GAP_NANOS)) {
					stamps.await(writer);
					writer.lastLine().join();
				}
				return stamps.percentiles();
			}
		});
	}

	/** The same stamped records read by a C reader: the ceiling. */
	Runs.Result nativeLatency() {
		int count = this.settings.roundTrips();
		return Runs.repeat(this.settings, (run) -> {
			String name = Runs.freshName("ring");
			try (NativePeer.Running reader = this.peer.start("ring-latency", name, CAPACITY, count)) {
				reader.nextLine();
				try (NativePeer.Running writer = this.peer.start("ring-stamp", name, CAPACITY, count,
						STAMP_GAP_NANOS)) {
					double[] micros = NativePeer.latencyMicros(reader.lastLine().join());
					writer.lastLine().join();
					return micros;
				}
			}
		});
	}

	/** A ring the inbound adapter creates, and removes when its run ends. */
	private static SharedMemorySpec ring(String name) {
		return WinIpc.sharedMemory(name).capacity(CAPACITY).removeOnClose(true);
	}

	/**
	 * Notes how long each stamped record took from the writer's clock to the handler.
	 * {@link System#nanoTime()} reads the same monotonic clock as the C writer.
	 */
	private static final class Stamps implements MessageHandler {

		private final long[] latencies;

		private final CountDownLatch done = new CountDownLatch(1);

		private int count;

		Stamps(int expected) {
			this.latencies = new long[expected];
		}

		@Override
		public void handleMessage(Message<?> message) {
			long now = System.nanoTime();
			long stamp = ByteBuffer.wrap((byte[]) message.getPayload()).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
			this.latencies[this.count++] = now - stamp;
			if (this.count == this.latencies.length) {
				this.done.countDown();
			}
		}

		void await(NativePeer.Running writer) {
			writer.awaitWhileRunning(this.done, () -> this.count + " of " + this.latencies.length + " stamped records");
		}

		double[] percentiles() {
			long[] sorted = this.latencies.clone();
			Arrays.sort(sorted);
			return new double[] { sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 99L / 100)] / 1e3 };
		}

	}

}
