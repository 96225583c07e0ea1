package dev.winipc.integration.sync;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.support.GenericMessage;

import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.posix.PosixIpcPlatform;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lock registry and the event adapters on the POSIX backend, against its C peers.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "flock and sem_open peers; Windows runs WindowsBackendSyncAdaptersTest")
class PosixSyncAdaptersTest extends SyncAdapterContract {

	private static final IpcPlatform POSIX = new PosixIpcPlatform();

	@Override
	protected IpcPlatform platform() {
		return POSIX;
	}

	@Override
	protected PeerProcess peer(Object... arguments) {
		return NativePeers.start("sync_peer", arguments);
	}

	@Override
	protected PeerProcess shmPeer(Object... arguments) {
		return NativePeers.start("shm_peer", arguments);
	}

	@Test
	void pulseOnPosixFailsTheSendNamingTheEventAndTheReason() {
		String name = SegmentNames.unique(EndpointName.Kind.EVENT, "pulse");
		IntegrationFlowRegistration flow = register((f) -> f
			.handle(WinIpc.outboundAdapter(WinIpc.event(name)).action(EventAction.PULSE).platform(POSIX)));
		assertThatExceptionOfType(MessageDeliveryException.class)
			.isThrownBy(() -> flow.getInputChannel().send(new GenericMessage<>("x")))
			.withMessageContaining("Failed to pulse event /" + name + ": pulse(/" + name + ") failed: ENOTSUP (95)");
	}

	@Test
	void lockOpensItsMutexOnFirstUseOnly() throws Exception {
		String key = SegmentNames.unique(EndpointName.Kind.MUTEX, "lazy");
		MutexLockRegistry registry = WinIpc.lockRegistry("");
		registry.setPlatform(POSIX);
		MutexLock lock = registry.obtain(key);
		Path file = EndpointName.of(EndpointName.Kind.MUTEX, key).posixPath();
		assertThat(file).doesNotExist();
		assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
		assertThat(file).exists();
		assertThat(lock.getMutexName()).isEqualTo(file.toString());
		lock.unlock();
		registry.destroy();
	}

}
