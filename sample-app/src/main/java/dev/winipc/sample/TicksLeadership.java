package dev.winipc.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.log.LogAccessor;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

import dev.winipc.integration.sync.MutexAbandonedEvent;

/**
 * Elects the one instance of the app, among those running on this machine, that reads
 * the ring {@code Local\HelloTicks}: a leader initiator over winipc's lock registry
 * (named mutexes, {@code winipc.locks}) contends for the role the ring's endpoint
 * names ({@code winipc.shared-memory.ticks.leader-role}). The leader holds the mutex
 * {@code Local\HelloWorld-ticks-reader}; when it stops or dies, another instance gets it
 * and starts reading where the first left off.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class TicksLeadership {

	private static final LogAccessor logger = new LogAccessor(TicksLeadership.class);

	/**
	 * Contend for the ring reader's role.
	 * @param locks winipc's lock registry
	 * @param role the role, {@code winipc.shared-memory.ticks.leader-role}
	 * @return the initiator, started with the app
	 */
	@Bean
	public LockRegistryLeaderInitiator ticksLeader(LockRegistry<?> locks,
			@Value("${winipc.shared-memory.ticks.leader-role}") String role) {
		return new LockRegistryLeaderInitiator(locks,
				new DefaultCandidate("pid-" + ProcessHandle.current().pid(), role));
	}

	/**
	 * Say that this instance leads.
	 * @param event the grant
	 */
	@EventListener
	public void granted(OnGrantedEvent event) {
		logger.info(() -> "This instance leads the role '" + event.getRole() + "': it reads the ring");
	}

	/**
	 * Say that this instance no longer leads.
	 * @param event the revocation
	 */
	@EventListener
	public void revoked(OnRevokedEvent event) {
		logger.info(() -> "This instance no longer leads the role '" + event.getRole() + "'");
	}

	/**
	 * Say that the previous leader died holding the mutex.
	 * @param event the abandonment
	 */
	@EventListener
	public void abandoned(MutexAbandonedEvent event) {
		logger.warn(() -> "The previous leader died holding " + event.getMutexName() + "; taking over");
	}

}
