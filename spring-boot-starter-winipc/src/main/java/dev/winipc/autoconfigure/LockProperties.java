package dev.winipc.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.PipeOptions;

/**
 * The {@code LockRegistry} over named mutexes, {@code winipc.locks.*}: the lock of a key
 * is the mutex named name-prefix + key, shared with every process of the machine that
 * takes the same mutex.
 *
 * @since 0.1.0
 */
public class LockProperties {

	/**
	 * Whether to expose the LockRegistry bean (winIpcLockRegistry) over named mutexes,
	 * unless the application defines a LockRegistry of its own.
	 */
	private boolean enabled = true;

	/**
	 * What every mutex name starts with, the lock key following, e.g. 'Local\orders-' or
	 * 'Global\orders-'; empty, a key is the mutex's whole name (Local\ by default).
	 */
	private String namePrefix = "";

	/**
	 * How long lock() and lockInterruptibly() wait for a mutex before they fail; unset,
	 * they wait as long as it takes. tryLock waits as asked.
	 */
	private @Nullable Duration acquireTimeout;

	/**
	 * Who may use the mutexes: current-user, or a wider grant: an SDDL string on Windows,
	 * an octal file mode on POSIX (e.g. 0660).
	 */
	private String access = PipeOptions.CURRENT_USER;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getNamePrefix() {
		return this.namePrefix;
	}

	public void setNamePrefix(String namePrefix) {
		this.namePrefix = namePrefix;
	}

	public @Nullable Duration getAcquireTimeout() {
		return this.acquireTimeout;
	}

	public void setAcquireTimeout(@Nullable Duration acquireTimeout) {
		this.acquireTimeout = acquireTimeout;
	}

	public String getAccess() {
		return this.access;
	}

	public void setAccess(String access) {
		this.access = access;
	}

}
