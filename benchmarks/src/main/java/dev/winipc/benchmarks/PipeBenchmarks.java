package dev.winipc.benchmarks;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.transport.EndpointName;

/**
 * The named-pipe paths and their baselines, each run against {@code bench_peer}: the
 * inbound adapter, the inbound gateway's round trip and the outbound adapter; the same C
 * peer into a C peer (the ceiling); Spring Integration's TCP adapters and gateway over
 * loopback, Net and NIO, with the same framing (a 4-byte length header).
 */
final class PipeBenchmarks {

	private static final int MAX_MESSAGE = 1024 * 1024;

	private final NativePeer peer;

	private final Settings settings;

	PipeBenchmarks(NativePeer peer, Settings settings) {
		this.peer = peer;
		this.settings = settings;
	}

	/** Messages of one size, from a C writer, into the pipe inbound adapter. */
	Runs.Result inboundAdapter(int size) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			String name = pipeName();
			try (Flows flows = new Flows()) {
				Counter counter = new Counter(count);
				flows.register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(name).maxMessageSize(MAX_MESSAGE)))
					.handle(counter)
					.get());
				try (NativePeer.Running writer = this.peer.start("write", path(name), count, size)) {
					counter.await(writer);
					writer.lastLine().join();
				}
				return new double[] { counter.messagesPerSecond(), counter.bytesPerMessage() };
			}
		});
	}

	/** The same messages from the C writer into a C reader: the ceiling. */
	Runs.Result nativeReader(int size) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			String target = path(pipeName());
			try (NativePeer.Running reader = this.peer.start("read", target, count)) {
				reader.nextLine();
				try (NativePeer.Running writer = this.peer.start("write", target, count, size)) {
					double rate = NativePeer.messagesPerSecond(reader.lastLine().join());
					writer.lastLine().join();
					return new double[] { rate };
				}
			}
		});
	}

	/** The same messages into Spring Integration's TCP inbound adapter. */
	Runs.Result tcpInboundAdapter(int size, boolean nio) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			int port = Runs.freePort();
			try (Flows flows = new Flows()) {
				Counter counter = new Counter(count, nio);
				flows.register(IntegrationFlow
					.from(Tcp.inboundAdapter((nio ? Tcp.nioServer(port) : Tcp.netServer(port)).deserializer(framing())))
					.handle(counter)
					.get());
				try (NativePeer.Running writer = this.peer.start("write", "tcp:" + port, count, size)) {
					counter.await(writer);
					writer.lastLine().join();
				}
				return new double[] { counter.messagesPerSecond(), counter.bytesPerMessage() };
			}
		});
	}

	/** Round trips of one size through the pipe inbound gateway, from a C ping client. */
	Runs.Result inboundGateway(int size) {
		return Runs.repeat(this.settings, (run) -> {
			String name = pipeName();
			try (Flows flows = new Flows()) {
				flows.register(IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer(name)))
					.handle((payload, headers) -> payload)
					.get());
				return ping(path(name), size);
			}
		});
	}

	/** The same round trips against a C echo server: the ceiling. */
	Runs.Result nativePingPong(int size) {
		return Runs.repeat(this.settings, (run) -> {
			String address = path(pipeName());
			try (NativePeer.Running pong = this.peer.start("pong", address)) {
				pong.nextLine();
				return ping(address, size);
			}
			finally {
				// the echo server is killed, and leaves its socket file
				Runs.delete(address);
			}
		});
	}

	/** The same round trips through Spring Integration's TCP inbound gateway. */
	Runs.Result tcpInboundGateway(int size, boolean nio) {
		return Runs.repeat(this.settings, (run) -> {
			int port = Runs.freePort();
			try (Flows flows = new Flows()) {
				flows.register(IntegrationFlow
					.from(Tcp.inboundGateway((nio ? Tcp.nioServer(port) : Tcp.netServer(port)).serializer(framing())
						.deserializer(framing())))
					.handle((payload, headers) -> payload)
					.get());
				return ping("tcp:" + port, size);
			}
		});
	}

	/** Messages sent by the pipe outbound adapter, in the client role, into a C reader. */
	Runs.Result outboundAdapter(int size) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			String name = pipeName();
			try (Flows flows = new Flows(); NativePeer.Running reader = this.peer.start("read", path(name), count)) {
				reader.nextLine();
				MessageChannel input = flows
					.register((flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient(name))))
					.getInputChannel();
				return new double[] { send(input, reader, count, size) };
			}
		});
	}

	/** The same messages sent by Spring Integration's TCP outbound adapter. */
	Runs.Result tcpOutboundAdapter(int size, boolean nio) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			int port = Runs.freePort();
			try (Flows flows = new Flows(); NativePeer.Running reader = this.peer.start("read", "tcp:" + port, count)) {
				reader.nextLine();
				MessageChannel input = flows
					.register((flow) -> flow.handle(Tcp
						.outboundAdapter((nio ? Tcp.nioClient("127.0.0.1", port) : Tcp.netClient("127.0.0.1", port))
							.serializer(framing()))))
					.getInputChannel();
				return new double[] { send(input, reader, count, size) };
			}
		});
	}

	private static double send(MessageChannel input, NativePeer.Running reader, int count, int size) {
		Message<byte[]> message = MessageBuilder.withPayload(new byte[size]).build();
		for (int i = 0; i < count; i++) {
			input.send(message);
		}
		return NativePeer.messagesPerSecond(reader.lastLine().join());
	}

	private double[] ping(String address, int size) {
		try (NativePeer.Running client = this.peer.start("ping", address, this.settings.roundTrips(),
				size, this.settings.roundTrips() / 10)) {
			return NativePeer.latencyMicros(client.lastLine().join());
		}
	}

	private static ByteArrayLengthHeaderSerializer framing() {
		ByteArrayLengthHeaderSerializer serializer = new ByteArrayLengthHeaderSerializer(
				ByteArrayLengthHeaderSerializer.HEADER_SIZE_INT);
		serializer.setMaxMessageSize(MAX_MESSAGE);
		return serializer;
	}

	private static String pipeName() {
		return Runs.freshName("pipe");
	}

	private static String path(String pipe) {
		return Runs.socketPath(EndpointName.pipe(pipe));
	}

}
