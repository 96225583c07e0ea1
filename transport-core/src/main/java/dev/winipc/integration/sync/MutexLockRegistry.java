package dev.winipc.integration.sync;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.log.LogAccessor;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.util.Assert;

import dev.winipc.transport.InvalidOptionException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.SyncOptions;

/**
 * A {@link org.springframework.integration.support.locks.LockRegistry} whose locks are
 * named mutexes shared with the other processes of this machine: the lock for a key is
 * the mutex named prefix + key ({@code Local\NAME} on Windows, an {@code flock} on
 * {@code $TMPDIR/winipc-mutex-NAME} on POSIX), so processes of any language that take
 * the same mutex exclude each other. Its locks are reentrant per thread, as Spring's own
 * registries' are, which is what {@code LockRegistryLeaderInitiator} needs to elect one
 * leader among the processes of a machine, and {@code LockRequestHandlerAdvice} to
 * serialize message handling with them.
 * <pre class="code">
 * &#64;Bean
 * MutexLockRegistry lockRegistry() {
 *     return WinIpc.lockRegistry("Local\\orders-");
 * }
 *
 * &#64;Bean
 * LockRegistryLeaderInitiator leader(MutexLockRegistry locks) {
 *     return new LockRegistryLeaderInitiator(locks, new DefaultCandidate("node", "ticks-reader"));
 * }
 * </pre>
 * A lock opens its mutex on first use and keeps it until {@link #expireUnusedOlderThan}
 * or {@link #destroy()} closes it; closing a mutex a thread holds releases it. When a
 * lock is acquired whose previous holder ended holding it, a {@link MutexAbandonedEvent}
 * is published and a warning logged.
 *
 * @since 0.1.0
 */
public class MutexLockRegistry implements ExpirableLockRegistry<MutexLock>, ApplicationEventPublisherAware,
		DisposableBean {

	private static final LogAccessor logger = new LogAccessor(MutexLockRegistry.class);

	/** The default prefix: none, so a key is the mutex's name as a Windows user writes it. */
	public static final String DEFAULT_NAME_PREFIX = "";

	private final String namePrefix;

	private final Map<String, MutexLock> locks = new ConcurrentHashMap<>();

	private @Nullable IpcPlatform platform;

	private String access = PipeOptions.CURRENT_USER;

	private @Nullable Duration acquireTimeout;

	private @Nullable ApplicationEventPublisher eventPublisher;

	/**
	 * Create a registry whose keys are the mutexes' names.
	 */
	public MutexLockRegistry() {
		this(DEFAULT_NAME_PREFIX);
	}

	/**
	 * Create a registry whose mutexes are named prefix + key.
	 * @param namePrefix e.g. {@code Local\orders-} or {@code Global\orders-}; its
	 * namespace, if it has one, is the mutexes'
	 * @throws InvalidOptionException if no mutex name can start with it
	 */
	public MutexLockRegistry(String namePrefix) {
		Assert.notNull(namePrefix, "namePrefix must not be null");
		try {
			// Any key appended must make a valid name: check with one.
			SyncOptions.mutex(namePrefix + "key");
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidOptionException("namePrefix", namePrefix, "cannot start a mutex name: " + ex.getMessage());
		}
		this.namePrefix = namePrefix;
	}

	/** @return what every mutex name starts with */
	public String getNamePrefix() {
		return this.namePrefix;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		Assert.notNull(platform, "platform must not be null");
		this.platform = platform;
	}

	/**
	 * @param access who may use the mutexes: {@code current-user} (default), an SDDL
	 * string (Windows) or an octal file mode (POSIX)
	 * @see SyncOptions.Builder#access
	 */
	public void setAccess(@Nullable String access) {
		this.access = SyncOptions.mutex("check").access(access).build().access();
	}

	/** @return who may use the mutexes */
	public String getAccess() {
		return this.access;
	}

	/**
	 * @param acquireTimeout how long {@link MutexLock#lock()} and
	 * {@link MutexLock#lockInterruptibly()} wait before they fail with a
	 * {@code CannotAcquireLockException}; {@code null} (the default) waits as long as it
	 * takes, as {@code Lock.lock()} does. {@code tryLock} waits as asked.
	 */
	public void setAcquireTimeout(@Nullable Duration acquireTimeout) {
		if (acquireTimeout != null && acquireTimeout.isNegative()) {
			throw new InvalidOptionException("acquireTimeout", acquireTimeout, "must not be negative");
		}
		this.acquireTimeout = acquireTimeout;
	}

	/** @return how long {@code lock()} waits; {@code null} for as long as it takes */
	public @Nullable Duration getAcquireTimeout() {
		return this.acquireTimeout;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Return the lock of a key: the named mutex prefix + key.
	 * @param lockKey the key; its {@code toString()} ends the mutex's name
	 * @return the lock, the same one for the same key
	 * @throws IllegalArgumentException if prefix + key is no valid mutex name (a
	 * backslash or slash after the namespace, a NUL)
	 */
	@Override
	public MutexLock obtain(Object lockKey) {
		Assert.notNull(lockKey, "lockKey must not be null");
		String key = lockKey.toString();
		return this.locks.computeIfAbsent(key,
				(name) -> new MutexLock(this, name, SyncOptions.mutex(this.namePrefix + name).access(this.access).build()));
	}

	/**
	 * Close the mutexes of the locks nobody holds or waits for and nobody used for
	 * {@code age} milliseconds, and forget them; a lock obtained again opens its mutex
	 * anew.
	 * @param age milliseconds since the lock was last used
	 */
	@Override
	public void expireUnusedOlderThan(long age) {
		long before = System.currentTimeMillis() - age;
		Iterator<MutexLock> all = this.locks.values().iterator();
		while (all.hasNext()) {
			if (all.next().expireIfUnused(before)) {
				all.remove();
			}
		}
	}

	/**
	 * Close every lock's mutex; closing one a thread holds releases it.
	 */
	@Override
	public void destroy() {
		this.locks.values().forEach(MutexLock::close);
		this.locks.clear();
	}

	IpcPlatform platform() {
		return IpcPlatform.orCurrent(this.platform);
	}

	void abandoned(MutexLock lock) {
		logger.warn(() -> "Lock '" + lock.getKey() + "' was acquired after its previous holder ended while holding the "
				+ "mutex " + lock.getMutexName() + ": what it guards may be half updated");
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			try {
				publisher.publishEvent(new MutexAbandonedEvent(this, lock.getKey(), lock.getMutexName()));
			}
			catch (RuntimeException ex) {
				// The lock is held by now: a failing listener must not make the caller
				// believe otherwise and leave the mutex held for ever.
				logger.error(ex, () -> "A listener of the MutexAbandonedEvent for lock '" + lock.getKey() + "' failed");
			}
		}
	}

	@Override
	public String toString() {
		return "MutexLockRegistry[prefix='" + this.namePrefix + "', " + this.locks.size() + " locks]";
	}

}
