package dev.winipc.integration.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.handler.advice.LockRequestHandlerAdvice;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.dsl.SharedMemoryInboundChannelAdapterSpec;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.integration.pipe.FlowTestSupport;
import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The lock registry and the event adapters in a real integration context, against the
 * native peer {@code peers/sync_peer.c} built for the backend's OS: the POSIX backend
 * ({@code PosixSyncAdaptersTest}) and the Windows backend ({@code WindowsBackendSyncAdaptersTest}).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SyncAdapterContract extends FlowTestSupport {

	/** How long any one wait may take. */
	protected static final Duration WITHIN = Duration.ofSeconds(30);

	private final List<MutexLockRegistry> registries = new ArrayList<>();

	/**
	 * Return the backend under test.
	 * @return its platform
	 */
	protected abstract IpcPlatform platform();

	/**
	 * Start the native peer built for the backend's OS.
	 * @param arguments its arguments
	 * @return the running peer
	 */
	protected abstract PeerProcess peer(Object... arguments);

	/**
	 * Start a native peer of the shared-memory layouts ({@code peers/shm_peer.c}).
	 * @param arguments its arguments
	 * @return the running peer
	 */
	protected abstract PeerProcess shmPeer(Object... arguments);

	@AfterEach
	void destroyRegistries() {
		this.registries.forEach(MutexLockRegistry::destroy);
	}

	private MutexLockRegistry registry() {
		MutexLockRegistry registry = WinIpc.lockRegistry("Local\\");
		registry.setPlatform(platform());
		this.registries.add(registry);
		return registry;
	}

	private static String unique(EndpointName.Kind kind, String purpose) {
		return SegmentNames.unique(kind, purpose);
	}

	@Test
	void lockWaitsForANativeHolderTimesOutAsConfiguredThenLocksWhenItReleases() throws Exception {
		MutexLockRegistry registry = registry();
		registry.setAcquireTimeout(Duration.ofMillis(300));
		String key = unique(EndpointName.Kind.MUTEX, "lock");
		MutexLock lock = registry.obtain(key);
		try (PeerProcess holder = peer("mutex-hold", "Local\\" + key)) {
			holder.awaitLine("held");
			assertThatExceptionOfType(CannotAcquireLockException.class).isThrownBy(lock::lock)
				.withMessage("Failed to lock mutex " + lock.getMutexName() + " for key '" + key
						+ "': another thread or process held it for PT0.3S");
			assertThat(lock.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
			CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
				try {
					boolean locked = lock.tryLock(WITHIN.toSeconds(), TimeUnit.SECONDS);
					lock.unlock();
					return locked;
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			holder.stdin().write("release\n".getBytes(StandardCharsets.US_ASCII));
			holder.stdin().flush();
			assertThat(waiting.get(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(holder.finish()).containsExactly("held", "released");
		}
	}

	@Test
	void lockIsReentrantForItsThreadAndExcludesOthers() throws Exception {
		Lock lock = registry().obtain(unique(EndpointName.Kind.MUTEX, "reentrant"));
		lock.lock();
		lock.lock();
		assertThat(CompletableFuture.supplyAsync(lock::tryLock).get()).isFalse();
		lock.unlock();
		assertThat(CompletableFuture.supplyAsync(lock::tryLock).get()).isFalse();
		lock.unlock();
		assertThat(CompletableFuture.supplyAsync(() -> {
			boolean locked = lock.tryLock();
			lock.unlock();
			return locked;
		}).get()).isTrue();
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(lock::unlock);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(lock::newCondition);
	}

	@Test
	void lockWhoseHolderWasKilledIsAcquiredAndReportedAbandoned() throws Exception {
		MutexLockRegistry registry = registry();
		List<MutexAbandonedEvent> events = new CopyOnWriteArrayList<>();
		registry.setApplicationEventPublisher((event) -> events.add((MutexAbandonedEvent) event));
		String key = unique(EndpointName.Kind.MUTEX, "abandoned");
		MutexLock lock = registry.obtain(key);
		abandonByANativeHolder(lock, key);
		assertThat(lock.tryLock(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
		lock.unlock();
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.getLockKey()).isEqualTo(key);
			assertThat(event.getMutexName()).isEqualTo(lock.getMutexName());
			assertThat(event.getSource()).isSameAs(registry);
		});
	}

	@Test
	void listenerFailingOnTheAbandonedEventLeavesTheLockHeldAndReleasable() throws Exception {
		MutexLockRegistry registry = registry();
		registry.setApplicationEventPublisher((event) -> {
			throw new IllegalStateException("listener failed");
		});
		String key = unique(EndpointName.Kind.MUTEX, "abandoned-listener");
		MutexLock lock = registry.obtain(key);
		abandonByANativeHolder(lock, key);
		// the caller holds the lock, as the OS says, although the listener failed
		assertThat(lock.tryLock(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(lock.isHeldByCurrentThread()).isTrue();
		lock.unlock();
		// and released it: a native process takes the mutex now
		assertThat(peer("mutex-try", "Local\\" + key).finish()).containsExactly("acquired");
	}

	/** A native process takes the lock's mutex and dies holding it. */
	private void abandonByANativeHolder(MutexLock lock, String key) {
		try (PeerProcess holder = peer("mutex-hold", "Local\\" + key)) {
			holder.awaitLine("held");
			// Tried, so this process has the mutex open: on Windows a mutex nobody has open
			// is gone, and with it what its holder left.
			assertThat(lock.tryLock()).isFalse();
			holder.kill();
		}
	}

	@Test
	void lockRequestHandlerAdviceHoldsTheNamedMutexWhileTheHandlerRuns() throws Exception {
		MutexLockRegistry registry = registry();
		String key = unique(EndpointName.Kind.MUTEX, "advice");
		LockRequestHandlerAdvice advice = new LockRequestHandlerAdvice(registry, key);
		advice.setWaitLockDuration(WITHIN);
		List<String> seenByThePeer = new CopyOnWriteArrayList<>();
		IntegrationFlowRegistration flow = register((f) -> f.<String>handle((payload, headers) -> {
			// While the handler runs, a native process finds the mutex taken.
			seenByThePeer.addAll(peer("mutex-try", "Local\\" + key).finish());
			return payload;
		}, (endpoint) -> endpoint.advice(advice)).channel(new QueueChannel()));
		try (PeerProcess holder = peer("mutex-hold", "Local\\" + key)) {
			holder.awaitLine("held");
			CompletableFuture<Void> sent = CompletableFuture
				.runAsync(() -> flow.getInputChannel().send(new GenericMessage<>("order")));
			await().pollDelay(Duration.ofMillis(300)).atMost(WITHIN).until(() -> !sent.isDone());
			assertThat(seenByThePeer).isEmpty();
			holder.stdin().write("release\n".getBytes(StandardCharsets.US_ASCII));
			holder.stdin().flush();
			sent.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
		}
		assertThat(seenByThePeer).containsExactly("busy");
		assertThat(peer("mutex-try", "Local\\" + key).finish()).containsExactly("acquired");
	}

	@Test
	void leaderInitiatorsOnTwoRegistriesElectOneLeaderAndTheOtherTakesOverWhenItStops() throws Exception {
		String role = unique(EndpointName.Kind.MUTEX, "leader");
		LeadershipRecorder first = new LeadershipRecorder("first", role);
		LeadershipRecorder second = new LeadershipRecorder("second", role);
		LockRegistryLeaderInitiator one = initiator(registry(), first);
		LockRegistryLeaderInitiator two = initiator(registry(), second);
		try {
			one.start();
			await().atMost(WITHIN).until(() -> first.leading);
			two.start();
			// The second waits in tryLock for a heartbeat at a time, never leading.
			await().pollDelay(Duration.ofMillis(600)).atMost(WITHIN).until(() -> two.isRunning());
			assertThat(second.grants).isZero();
			assertThat(peer("mutex-try", "Local\\" + role).finish()).containsExactly("busy");

			one.stop();

			await().atMost(WITHIN).until(() -> second.leading);
			assertThat(first.leading).isFalse();
			assertThat(first.grants).isOne();
			assertThat(second.grants).isOne();
		}
		finally {
			one.stop();
			two.stop();
		}
	}

	private static LockRegistryLeaderInitiator initiator(MutexLockRegistry registry, LeadershipRecorder candidate) {
		LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(registry, candidate);
		initiator.setApplicationEventPublisher((event) -> {
		});
		initiator.setBusyWaitMillis(50);
		return initiator;
	}

	@Test
	void keyThatMakesNoValidMutexNameIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> registry().obtain("a\\b"))
			.withMessageContaining("Invalid mutex name 'Local\\a\\b'");
	}

	@Test
	void destroyedRegistryReleasesWhatItsThreadsHeld() throws Exception {
		MutexLockRegistry registry = registry();
		String key = unique(EndpointName.Kind.MUTEX, "destroy");
		registry.obtain(key).lock();
		assertThat(peer("mutex-try", "Local\\" + key).finish()).containsExactly("busy");

		registry.destroy();

		assertThat(peer("mutex-try", "Local\\" + key).finish()).containsExactly("acquired");
	}

	@Test
	void unusedLocksExpireAndHeldOnesStay() throws Exception {
		MutexLockRegistry registry = registry();
		String held = unique(EndpointName.Kind.MUTEX, "held");
		String idle = unique(EndpointName.Kind.MUTEX, "idle");
		MutexLock heldLock = registry.obtain(held);
		heldLock.lock();
		MutexLock idleLock = registry.obtain(idle);
		assertThat(idleLock.tryLock()).isTrue();
		idleLock.unlock();

		registry.expireUnusedOlderThan(-1);

		assertThat(registry.obtain(held)).isSameAs(heldLock);
		assertThat(registry.obtain(idle)).isNotSameAs(idleLock);
		assertThat(peer("mutex-try", "Local\\" + held).finish()).containsExactly("busy");
		heldLock.unlock();
	}

	@Test
	void inboundAdapterEmitsAMessageEachTimeANativePeerSetsTheEvent() throws Exception {
		String name = "Local\\" + unique(EndpointName.Kind.EVENT, "inbound");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow
			.from(WinIpc.inboundAdapter(WinIpc.event(name)).payloadType(PayloadType.STRING).platform(platform()))
			.channel(received)
			.get());
		for (int i = 0; i < 3; i++) {
			assertThat(peer("event-set", name).finish()).containsExactly("set");
			Message<?> message = received.receive(WITHIN.toMillis());
			assertThat(message).isNotNull();
			assertThat(message.getPayload()).isEqualTo(name.substring(6));
			assertThat(message.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "event")
				.containsEntry(WinIpcHeaders.ENDPOINT, name.substring(6));
		}
		assertThat(received.receive(200)).isNull();
	}

	@Test
	void outboundAdapterSetsTheEventANativePeerWaitsOn() throws Exception {
		String name = "Local\\" + unique(EndpointName.Kind.EVENT, "outbound");
		IntegrationFlowRegistration flow = register(
				(f) -> f.handle(WinIpc.outboundAdapter(WinIpc.event(name)).platform(platform())));
		try (PeerProcess waiter = peer("event-wait", name, "auto")) {
			waiter.awaitLine("waiting");
			flow.getInputChannel().send(new GenericMessage<>("anything"));
			assertThat(waiter.finish()).containsExactly("waiting", "set");
		}
	}

	@Test
	void manualResetEventGivesOneMessageEachTimeItBecomesSet() throws Exception {
		String name = "Local\\" + unique(EndpointName.Kind.EVENT, "manual");
		QueueChannel received = new QueueChannel();
		register(IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.event(name).manualReset(true)).platform(platform()))
			.channel(received)
			.get());
		IntegrationFlowRegistration signal = register((f) -> f
			.handle(WinIpc.outboundAdapter(WinIpc.event(name).manualReset(true)).platform(platform())));
		for (int i = 0; i < 2; i++) {
			awaitWaiterInTheOs(name);
			signal.getInputChannel().send(new GenericMessage<>("set"));
			assertThat(received.receive(WITHIN.toMillis())).isNotNull();
			// It stays set, and no further message comes until it was reset and set again.
			assertThat(received.receive(300)).isNull();
			signal.getInputChannel()
				.send(MessageBuilder.withPayload("reset").setHeader(WinIpcHeaders.EVENT_ACTION, "reset").build());
		}
	}

	/**
	 * Wait until the adapter's thread waits for the event again, having seen the reset:
	 * a reset and a set within one look for the reset count as the event staying set.
	 */
	private static void awaitWaiterInTheOs(String name) {
		String thread = "winipc-event-" + name.substring(6);
		await().atMost(WITHIN).until(() -> Thread.getAllStackTraces().entrySet().stream()
			.filter((entry) -> entry.getKey().getName().equals(thread))
			.anyMatch((entry) -> Arrays.stream(entry.getValue())
				.anyMatch((frame) -> frame.getClassName().endsWith("NamedEvent") && frame.getMethodName().equals("await"))));
	}

	@Test
	void invalidActionHeaderFailsTheSendNamingTheEvent() {
		String name = "Local\\" + unique(EndpointName.Kind.EVENT, "header");
		IntegrationFlowRegistration flow = register(
				(f) -> f.handle(WinIpc.outboundAdapter(WinIpc.event(name)).platform(platform())));
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> flow.getInputChannel()
				.send(MessageBuilder.withPayload("x").setHeader(WinIpcHeaders.EVENT_ACTION, "toggle").build()))
			.withMessageContaining("is invalid: 'toggle' is no event action; accepted values: set, pulse, reset");
	}

	@Test
	void regionReaderWaitingOnTheSignalEventEmitsEachNativeWriteOnceWithoutPolling() throws Exception {
		String region = "Local\\" + unique(EndpointName.Kind.SHARED_MEMORY, "signalled");
		String written = "Local\\" + unique(EndpointName.Kind.EVENT, "written");
		String read = "Local\\" + unique(EndpointName.Kind.EVENT, "read");
		int writes = 20;
		List<String> received = new CopyOnWriteArrayList<>();
		IntegrationFlowRegistration ack = register(
				(f) -> f.handle(WinIpc.outboundAdapter(WinIpc.event(read)).platform(platform())));
		register(IntegrationFlow.from(signalledRegionReader(region, written))
			.<String>handle((payload, headers) -> {
				received.add(payload);
				return payload;
			})
			.channel(ack.getInputChannel())
			.get());
		assertThat(peer("region-signal", region, 64, written, read, writes).finish()).containsExactly("done");
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= writes; i++) {
			expected.add("write " + i);
		}
		await().atMost(WITHIN).until(() -> received.size() >= writes);
		assertThat(received).containsExactlyElementsOf(expected);
	}

	@Test
	void everyReaderOfARegionSeesASignalledWriteAlthoughEachSetWakesOneOfThem() {
		String region = "Local\\" + unique(EndpointName.Kind.SHARED_MEMORY, "two-readers");
		String written = "Local\\" + unique(EndpointName.Kind.EVENT, "written-once");
		IntegrationFlowRegistration writer = register((f) -> f.handle(WinIpc
			.outboundAdapter(WinIpc.sharedMemory(region).layout(SharedMemoryLayout.REGION).size(64).signalEvent(written))
			.platform(platform())));
		List<List<String>> readers = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
		for (List<String> seen : readers) {
			register(IntegrationFlow.from(signalledRegionReader(region, written))
				.<String>handle((payload, headers) -> {
					seen.add(payload);
					return null;
				})
				.get());
		}
		writer.getInputChannel().send(new GenericMessage<>("Hello, readers"));
		// the auto-reset event woke one reader; the other reads when its wait ends
		await().atMost(WITHIN)
			.untilAsserted(() -> assertThat(readers).allSatisfy((seen) -> assertThat(seen).contains("Hello, readers")));
	}

	/**
	 * A reader of a 64-byte UTF-8 region that waits on a signal event. Its poll interval
	 * is an hour: what arrives, arrives because a writer signalled (or, for a reader that
	 * another took the signal from, because a wait ended without one).
	 */
	private SharedMemoryInboundChannelAdapterSpec signalledRegionReader(String region, String written) {
		return WinIpc.inboundAdapter(WinIpc.sharedMemory(region)
			.layout(SharedMemoryLayout.REGION)
			.size(64)
			.encoding(RegionEncoding.UTF_8)
			.pollInterval(Duration.ofHours(1))
			.signalEvent(written)).payloadType(PayloadType.STRING).platform(platform());
	}

	@Test
	void regionWriterSetsItsSignalEventAfterEachWrite() throws Exception {
		String region = "Local\\" + unique(EndpointName.Kind.SHARED_MEMORY, "signalling");
		String written = "Local\\" + unique(EndpointName.Kind.EVENT, "written");
		IntegrationFlowRegistration writer = register((f) -> f.handle(WinIpc
			.outboundAdapter(WinIpc.sharedMemory(region).layout(SharedMemoryLayout.REGION).size(64).signalEvent(written))
			.platform(platform())));
		try (PeerProcess waiter = peer("event-wait", written, "auto")) {
			waiter.awaitLine("waiting");
			writer.getInputChannel().send(new GenericMessage<>("Hello, World"));
			assertThat(waiter.finish()).containsExactly("waiting", "set");
		}
		assertThat(shmPeer("region-read", region, 64, "utf-8", "Hello, World").finish())
			.containsExactly("read: Hello, World");
	}

}
