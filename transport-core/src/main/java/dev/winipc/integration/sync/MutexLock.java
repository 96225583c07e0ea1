package dev.winipc.integration.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.CannotAcquireLockException;

import dev.winipc.transport.MutexAcquisition;
import dev.winipc.transport.NamedMutex;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * A {@link Lock} of a {@link MutexLockRegistry}: a named mutex, held by the thread that
 * locked it and reentrant for that thread. Other threads of this process and other
 * processes wait for it alike. OS failures are reported as
 * {@link CannotAcquireLockException} naming the mutex.
 *
 * @since 0.1.0
 */
public final class MutexLock implements Lock {

	private final MutexLockRegistry registry;

	private final String key;

	private final SyncOptions options;

	private @Nullable NamedMutex mutex;

	private int users;

	private long lastUsed = System.currentTimeMillis();

	MutexLock(MutexLockRegistry registry, String key, SyncOptions options) {
		this.registry = registry;
		this.key = key;
		this.options = options;
	}

	/** @return the key the lock was obtained for */
	public String getKey() {
		return this.key;
	}

	/** @return the OS's name of the mutex, e.g. {@code Local\leader} or {@code /tmp/winipc-mutex-leader} */
	public String getMutexName() {
		return this.registry.platform().osName(this.options.name());
	}

	/** @return whether the calling thread holds the lock */
	public synchronized boolean isHeldByCurrentThread() {
		return this.mutex != null && this.mutex.isHeldByCurrentThread();
	}

	/**
	 * Acquire the lock, waiting at most the registry's acquire timeout; an interrupt
	 * meanwhile is kept for the thread, as {@link Lock#lock()} asks, and the wait goes on
	 * to the same deadline.
	 * @throws CannotAcquireLockException if the acquire timeout passed or the OS refused
	 */
	@Override
	public void lock() {
		@Nullable Duration timeout = this.registry.getAcquireTimeout();
		WaitDeadline deadline = deadline(timeout);
		boolean interrupted = false;
		try {
			while (true) {
				try {
					acquireWithin(deadline, timeout);
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Acquire the lock, waiting at most the registry's acquire timeout.
	 * @throws InterruptedException if the thread is interrupted while waiting
	 * @throws CannotAcquireLockException if the acquire timeout passed or the OS refused
	 */
	@Override
	public void lockInterruptibly() throws InterruptedException {
		@Nullable Duration timeout = this.registry.getAcquireTimeout();
		acquireWithin(deadline(timeout), timeout);
	}

	private static WaitDeadline deadline(@Nullable Duration timeout) {
		return (timeout != null) ? WaitDeadline.after(timeout) : WaitDeadline.forever();
	}

	private void acquireWithin(WaitDeadline deadline, @Nullable Duration timeout) throws InterruptedException {
		if (!acquire(deadline)) {
			throw new CannotAcquireLockException("Failed to lock mutex " + getMutexName() + " for key '" + this.key
					+ "': another thread or process held it for " + timeout);
		}
	}

	/**
	 * Acquire the lock if no other thread or process holds it.
	 * @return whether the calling thread holds it now
	 * @throws CannotAcquireLockException if the OS refused
	 */
	@Override
	public boolean tryLock() {
		try {
			return acquire(WaitDeadline.after(Duration.ZERO));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Acquire the lock, waiting at most a timeout.
	 * @return whether the calling thread holds it now
	 * @throws InterruptedException if the thread is interrupted while waiting
	 * @throws CannotAcquireLockException if the OS refused
	 */
	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		return acquire(WaitDeadline.after(Duration.ofNanos(unit.toNanos(Math.max(0, time)))));
	}

	/** Acquire before a deadline. */
	private boolean acquire(WaitDeadline deadline) throws InterruptedException {
		NamedMutex named = use();
		boolean acquired = false;
		try {
			MutexAcquisition result = deadline.isForever() ? named.acquire()
					: named.acquire(Duration.ofNanos(deadline.remainingNanos()));
			acquired = result.isAcquired();
			if (result == MutexAcquisition.ABANDONED) {
				this.registry.abandoned(this);
			}
			return acquired;
		}
		catch (InterruptedIOException ex) {
			// The transport keeps the interrupt; an InterruptedException carries it instead.
			Thread.interrupted();
			InterruptedException interrupted = new InterruptedException(ex.getMessage());
			interrupted.initCause(ex);
			throw interrupted;
		}
		catch (IOException ex) {
			throw new CannotAcquireLockException("Failed to lock mutex " + getMutexName() + " for key '" + this.key + "': "
					+ ex.getMessage(), ex);
		}
		finally {
			if (!acquired) {
				done();
			}
		}
	}

	/**
	 * Release one hold of the calling thread.
	 * @throws IllegalMonitorStateException if the calling thread does not hold the lock
	 * @throws IllegalStateException naming the mutex if the OS refused
	 */
	@Override
	public void unlock() {
		NamedMutex named;
		synchronized (this) {
			named = this.mutex;
		}
		if (named == null || !named.isHeldByCurrentThread()) {
			throw new IllegalMonitorStateException("Lock '" + this.key + "' (mutex " + getMutexName()
					+ ") is not held by this thread");
		}
		try {
			named.release();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Failed to unlock mutex " + getMutexName() + " for key '" + this.key + "': "
					+ ex.getMessage(), ex);
		}
		finally {
			done();
		}
	}

	/**
	 * A named mutex has no conditions.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("A named mutex has no conditions");
	}

	/** The mutex, opened on first use, counted as used until {@link #done()}. */
	private synchronized NamedMutex use() {
		NamedMutex named = this.mutex;
		if (named == null) {
			try {
				named = this.registry.platform().syncObjects().mutex(this.options);
			}
			catch (IOException ex) {
				throw new CannotAcquireLockException("Failed to open mutex " + getMutexName() + " for key '" + this.key
						+ "': " + ex.getMessage(), ex);
			}
			this.mutex = named;
		}
		this.users++;
		this.lastUsed = System.currentTimeMillis();
		return named;
	}

	private synchronized void done() {
		this.users--;
		this.lastUsed = System.currentTimeMillis();
	}

	/**
	 * Close the mutex if nobody holds or waits for the lock and it was last used before
	 * a time.
	 * @param before a {@link System#currentTimeMillis()} value
	 * @return whether the lock is unused and may be forgotten
	 */
	synchronized boolean expireIfUnused(long before) {
		if (this.users > 0 || this.lastUsed >= before) {
			return false;
		}
		close();
		return true;
	}

	/** Close the mutex; a thread that holds it loses it. */
	synchronized void close() {
		NamedMutex named = this.mutex;
		this.mutex = null;
		if (named != null) {
			named.close();
		}
	}

	@Override
	public String toString() {
		return "MutexLock[" + this.key + " -> " + this.options.name().windowsName() + "]";
	}

}
