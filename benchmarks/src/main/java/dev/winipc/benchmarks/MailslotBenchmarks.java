package dev.winipc.benchmarks;

import org.springframework.integration.dsl.IntegrationFlow;

import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.transport.EndpointName;

/**
 * The mailslot inbound adapter (on POSIX an AF_UNIX datagram socket) against
 * {@code bench_peer}: a C writer sending one datagram per message into the adapter; the
 * same writer into a C reader (the ceiling). Spring Integration's UDP adapters are no
 * baseline: UDP drops what a flood overruns, where a full mailslot makes its writer wait;
 * the table compares with its TCP inbound adapter instead, as for pipes.
 */
final class MailslotBenchmarks {

	private final NativePeer peer;

	private final Settings settings;

	MailslotBenchmarks(NativePeer peer, Settings settings) {
		this.peer = peer;
		this.settings = settings;
	}

	/** Datagrams of one size from a C writer into the mailslot inbound adapter. */
	Runs.Result inboundAdapter(int size) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			String name = Runs.freshName("mailslot");
			try (Flows flows = new Flows()) {
				Counter counter = new Counter(count);
				flows.register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.mailslot(name))).handle(counter).get());
				try (NativePeer.Running writer = this.peer.start("dgram-write", path(name), count, size)) {
					counter.await(writer);
					writer.lastLine().join();
				}
				return new double[] { counter.messagesPerSecond(), counter.bytesPerMessage() };
			}
		});
	}

	/** The same datagrams into a C reader on the same kind of socket: the ceiling. */
	Runs.Result nativeReader(int size) {
		int count = this.settings.messages(size);
		return Runs.repeat(this.settings, (run) -> {
			String path = path(Runs.freshName("mailslot"));
			try (NativePeer.Running reader = this.peer.start("dgram-read", path, count)) {
				reader.nextLine();
				try (NativePeer.Running writer = this.peer.start("dgram-write", path, count, size)) {
					double rate = NativePeer.messagesPerSecond(reader.lastLine().join());
					writer.lastLine().join();
					return new double[] { rate };
				}
			}
		});
	}

	private static String path(String name) {
		return Runs.socketPath(EndpointName.mailslot(name));
	}

}
