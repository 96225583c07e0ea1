package dev.winipc.posix;

import java.io.IOException;
import java.time.Duration;

import dev.winipc.transport.NamedSemaphore;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * A named semaphore on POSIX: {@code sem_open("/NAME")}, what C peers open with the
 * same call. POSIX keeps no maximum: a release checks the count with
 * {@code sem_getvalue} first and refuses to pass the configured maximum; a peer that
 * posts past it is not stopped.
 */
final class PosixNamedSemaphore extends PosixSemaphoreObject implements NamedSemaphore {

	private final Object releases = new Object();

	private PosixNamedSemaphore(SyncOptions options, SemaphoreHandle semaphore) {
		super(options, semaphore);
	}

	static PosixNamedSemaphore open(LibC libc, SyncOptions options) throws IOException {
		return new PosixNamedSemaphore(options, SemaphoreHandle.open(libc, options, options.initialCount()));
	}

	@Override
	public boolean acquire(Duration timeout) throws IOException {
		return take(WaitDeadline.after(timeout), false);
	}

	@Override
	public int release(int count) throws IOException {
		if (count < 1) {
			throw new IllegalArgumentException("A release gives back at least 1, not " + count);
		}
		enter("sem_post");
		try {
			// POSIX has no maximum: the check and the posts are one step for this process's
			// threads (another process may still release between them, as documented).
			synchronized (this.releases) {
				int previous = this.semaphore.value();
				int maximum = options().maximumCount();
				if (previous > maximum - count) {
					throw PosixErrors.of("sem_post", osName(), "EOVERFLOW", "releasing " + count
							+ " would raise the count " + previous + " above the maximum count " + maximum
							+ "; nothing was released");
				}
				for (int i = 0; i < count; i++) {
					this.semaphore.post();
				}
				return previous;
			}
		}
		finally {
			exit();
		}
	}

}
