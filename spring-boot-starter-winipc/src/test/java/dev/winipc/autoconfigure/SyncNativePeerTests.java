package dev.winipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.messaging.Message;

import dev.winipc.integration.WinIpcHeaders;
import dev.winipc.integration.sync.EventInboundChannelAdapter;
import dev.winipc.integration.sync.MutexLockRegistry;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Named events, the lock registry and a region's signal event declared only in
 * properties, against the native C peer {@code sync_peer}.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX flock and sem_open peers; the Windows backend tests run the Win32 peers")
class SyncNativePeerTests {

	private static final Duration WITHIN = Duration.ofSeconds(30);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	@Test
	void lockRegistryBeanIsExposedAsConfiguredAndGivesWayToTheApplicationsOwn() {
		this.runner.run((context) -> assertThat(context).getBean("winIpcLockRegistry", MutexLockRegistry.class)
			.satisfies((registry) -> {
				assertThat(registry.getNamePrefix()).isEmpty();
				assertThat(registry.getAcquireTimeout()).isNull();
			}));
		this.runner.withPropertyValues("winipc.locks.name-prefix=Local\\orders-", "winipc.locks.acquire-timeout=2s")
			.run((context) -> assertThat(context).getBean(MutexLockRegistry.class).satisfies((registry) -> {
				assertThat(registry.getNamePrefix()).isEqualTo("Local\\orders-");
				assertThat(registry.getAcquireTimeout()).isEqualTo(Duration.ofSeconds(2));
			}));
		this.runner.withPropertyValues("winipc.locks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LockRegistry.class));
		this.runner.withUserConfiguration(OwnLockRegistry.class)
			.run((context) -> assertThat(context).getBean(LockRegistry.class).isInstanceOf(DefaultLockRegistry.class));
	}

	@Test
	void lockOfTheRegistryBeanWaitsForANativeHolder() {
		String key = SegmentNames.unique(EndpointName.Kind.MUTEX, "bean");
		this.runner.withPropertyValues("winipc.locks.name-prefix=Local\\").run((context) -> {
			Lock lock = context.getBean(MutexLockRegistry.class).obtain(key);
			try (PeerProcess holder = NativePeers.start("sync_peer", "mutex-hold", "Local\\" + key)) {
				holder.awaitLine("held");
				assertThat(lock.tryLock()).isFalse();
				release(holder);
				assertThat(lock.tryLock(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
				lock.unlock();
			}
		});
	}

	@Test
	void eventDeclaredInPropertiesEmitsAMessageForEachNativeSet() {
		String name = SegmentNames.unique(EndpointName.Kind.EVENT, "boot-event");
		this.runner.withUserConfiguration(Received.class)
			.withPropertyValues("winipc.events.written.name=Local\\" + name, "winipc.events.written.direction=inbound",
					"winipc.events.written.channel=received", "winipc.events.written.payload-type=string")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("written" + EventEndpoints.INBOUND_CHANNEL_ADAPTER);
				QueueChannel received = context.getBean("received", QueueChannel.class);
				for (int i = 0; i < 2; i++) {
					assertThat(NativePeers.start("sync_peer", "event-set", name).finish()).containsExactly("set");
					Message<?> message = received.receive(WITHIN.toMillis());
					assertThat(message.getPayload()).isEqualTo(name);
					assertThat(message.getHeaders()).containsEntry(WinIpcHeaders.TRANSPORT, "event");
				}
			});
	}

	@Test
	void regionWaitingOnItsSignalEventReceivesEveryNativeWriteOnce() {
		String region = SegmentNames.unique(EndpointName.Kind.SHARED_MEMORY, "boot-region");
		String written = SegmentNames.unique(EndpointName.Kind.EVENT, "boot-written");
		String read = SegmentNames.unique(EndpointName.Kind.EVENT, "boot-read");
		this.runner.withUserConfiguration(Acknowledging.class)
			.withPropertyValues("winipc.shared-memory.hello.name=Local\\" + region,
					"winipc.shared-memory.hello.direction=inbound", "winipc.shared-memory.hello.layout=region",
					"winipc.shared-memory.hello.size=64B", "winipc.shared-memory.hello.encoding=utf-8",
					"winipc.shared-memory.hello.payload-type=string", "winipc.shared-memory.hello.poll-interval=1h",
					"winipc.shared-memory.hello.signal-event=Local\\" + written,
					"winipc.shared-memory.hello.channel=writes", "winipc.events.ack.name=Local\\" + read,
					"winipc.events.ack.direction=outbound", "winipc.events.ack.channel=acks")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(NativePeers.start("sync_peer", "region-signal", "Local\\" + region, 64, "Local\\" + written,
						"Local\\" + read, 5)
					.finish()).containsExactly("done");
				List<String> seen = context.getBean(Acknowledging.class).seen;
				await().atMost(WITHIN).until(() -> seen.size() >= 5);
				assertThat(seen).containsExactly("write 1", "write 2", "write 3", "write 4", "write 5");
			});
	}

	@Test
	void endpointWithALeaderRoleRunsOnlyOnceThisApplicationLeads() {
		String role = SegmentNames.unique(EndpointName.Kind.MUTEX, "boot-leader");
		String name = SegmentNames.unique(EndpointName.Kind.EVENT, "boot-leader-event");
		try (PeerProcess leader = NativePeers.start("sync_peer", "mutex-hold", "Local\\" + role)) {
			leader.awaitLine("held");
			this.runner.withUserConfiguration(Received.class, Election.class)
				.withPropertyValues("winipc.locks.name-prefix=Local\\", "sample.role=" + role,
						"winipc.events.watch.name=Local\\" + name, "winipc.events.watch.direction=inbound",
						"winipc.events.watch.channel=received", "winipc.events.watch.leader-role=" + role)
				.run((context) -> {
					EventInboundChannelAdapter adapter = context.getBean(EventInboundChannelAdapter.class);
					assertThat(context.getBean(LockRegistryLeaderInitiator.class).isRunning()).isTrue();
					// Another process leads: the endpoint waits for the role.
					await().pollDelay(Duration.ofMillis(700)).atMost(WITHIN).until(() -> !adapter.isRunning());
					release(leader);
					await().atMost(WITHIN).until(adapter::isRunning);
					assertThat(NativePeers.start("sync_peer", "event-set", name).finish()).containsExactly("set");
					assertThat(context.getBean("received", QueueChannel.class).receive(WITHIN.toMillis())).isNotNull();
				});
		}
	}

	private static void release(PeerProcess holder) throws Exception {
		holder.stdin().write("release\n".getBytes(StandardCharsets.US_ASCII));
		holder.stdin().flush();
		assertThat(holder.finish()).containsExactly("held", "released");
	}

	@Configuration(proxyBeanMethods = false)
	static class Received {

		@Bean
		QueueChannel received() {
			return new QueueChannel();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLockRegistry {

		@Bean
		DefaultLockRegistry ownLockRegistry() {
			return new DefaultLockRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Election {

		@Bean
		LockRegistryLeaderInitiator leaderInitiator(LockRegistry<?> locks,
				@Value("${sample.role}") String role) {
			return new LockRegistryLeaderInitiator(locks, new DefaultCandidate("test", role));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Acknowledging {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		IntegrationFlow acknowledge() {
			return IntegrationFlow.from("writes").<String>handle((payload, headers) -> {
				this.seen.add(payload);
				return payload;
			}).channel("acks").get();
		}

	}

}
