package dev.winipc.integration.sync;

import org.springframework.integration.events.IntegrationEvent;

/**
 * A lock of a {@link MutexLockRegistry} was acquired whose previous holder, a thread of
 * this or any other process, ended while holding its named mutex: whatever the lock
 * guards may be half updated. Published as an application event.
 * <pre class="code">
 * &#64;EventListener
 * void abandoned(MutexAbandonedEvent event) {
 *     log.warn("{} was abandoned; checking {}", event.getMutexName(), event.getLockKey());
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public class MutexAbandonedEvent extends IntegrationEvent {

	private static final long serialVersionUID = 1L;

	private final String lockKey;

	private final String mutexName;

	/**
	 * Create the event.
	 * @param source the registry
	 * @param lockKey the key the lock was obtained for
	 * @param mutexName the OS's name of the mutex
	 */
	public MutexAbandonedEvent(Object source, String lockKey, String mutexName) {
		super(source);
		this.lockKey = lockKey;
		this.mutexName = mutexName;
	}

	/** @return the key the lock was obtained for */
	public String getLockKey() {
		return this.lockKey;
	}

	/** @return the OS's name of the mutex, e.g. {@code Local\leader} or {@code /tmp/winipc-mutex-leader} */
	public String getMutexName() {
		return this.mutexName;
	}

	@Override
	public String toString() {
		return "MutexAbandonedEvent[" + this.mutexName + ", lockKey=" + this.lockKey + "]";
	}

}
