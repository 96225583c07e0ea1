package dev.winipc.transport;

/**
 * How an attempt to acquire a {@link NamedMutex} ended.
 *
 * @since 0.1.0
 */
public enum MutexAcquisition {

	/** The calling thread holds the mutex. */
	ACQUIRED,

	/**
	 * The calling thread holds the mutex, and its previous holder ended while holding it
	 * (Win32 {@code WAIT_ABANDONED}): whatever the mutex guards may be half updated.
	 */
	ABANDONED,

	/** The timeout passed while another thread or process held the mutex. */
	TIMED_OUT;

	/** @return whether the calling thread now holds the mutex */
	public boolean isAcquired() {
		return this != TIMED_OUT;
	}

}
