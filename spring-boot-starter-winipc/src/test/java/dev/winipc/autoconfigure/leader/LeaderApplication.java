package dev.winipc.autoconfigure.leader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

import dev.winipc.integration.sync.MutexAbandonedEvent;

/**
 * A plain Spring Boot application that reads a shared-memory ring only while it leads
 * the role {@code leader.role}, elected through winipc's lock registry; run as processes
 * of its own by {@link LeaderElectionProcessTests}, configured by its command line. It
 * prints {@code leading} and {@code revoked} as its leadership changes,
 * {@code abandoned MUTEX} when it took a mutex over from a holder that died, and each
 * record {@code {u32 writer, u32 sequence}} as {@code record WRITER SEQUENCE}.
 */
@SpringBootApplication
public class LeaderApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeaderApplication.class, args);
	}

	@Bean
	LockRegistryLeaderInitiator leaderInitiator(LockRegistry<?> locks, @Value("${leader.role}") String role) {
		return new LockRegistryLeaderInitiator(locks, new DefaultCandidate("leader-" + ProcessHandle.current().pid(), role));
	}

	@EventListener
	void granted(OnGrantedEvent event) {
		System.out.println("leading");
	}

	@EventListener
	void revoked(OnRevokedEvent event) {
		System.out.println("revoked");
	}

	@EventListener
	void abandoned(MutexAbandonedEvent event) {
		System.out.println("abandoned " + event.getMutexName());
	}

	@ServiceActivator(inputChannel = "records")
	void record(byte[] record) {
		ByteBuffer bytes = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
		System.out.println("record " + bytes.getInt(0) + " " + bytes.getInt(4));
	}

}
