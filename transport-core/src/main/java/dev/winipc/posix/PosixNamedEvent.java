package dev.winipc.posix;

import java.io.IOException;
import java.time.Duration;

import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * An event on POSIX, an approximation on a named semaphore {@code sem_open("/NAME")}:
 * set means a count of 1. Set posts unless the count is already above 0; reset takes
 * counts until there is none. A wait takes the count: an auto-reset event is reset by
 * it; a waiter of a manual-reset event posts it straight back, so every waiter passes
 * while the event stays set. The limits, stated in the wire-format guide: two sets at
 * the same instant may post twice (two waits pass, where Win32 lets one); a reset
 * between a manual-reset waiter's take and its post is undone by the post; pulse cannot
 * be done.
 */
final class PosixNamedEvent extends PosixSemaphoreObject implements NamedEvent {

	private PosixNamedEvent(SyncOptions options, SemaphoreHandle semaphore) {
		super(options, semaphore);
	}

	static PosixNamedEvent open(LibC libc, SyncOptions options) throws IOException {
		return new PosixNamedEvent(options, SemaphoreHandle.open(libc, options, options.initialState() ? 1 : 0));
	}

	@Override
	public boolean await(Duration timeout) throws IOException {
		return take(WaitDeadline.after(timeout), options().manualReset());
	}

	@Override
	public void set() throws IOException {
		enter("sem_post");
		try {
			if (this.semaphore.value() == 0) {
				this.semaphore.post();
			}
		}
		finally {
			exit();
		}
	}

	@Override
	public void reset() throws IOException {
		enter("sem_trywait");
		try {
			while (this.semaphore.tryTake()) {
				// take every count: none left means reset
			}
		}
		finally {
			exit();
		}
	}

	@Override
	public void pulse() throws IOException {
		throw PosixErrors.of("pulse", osName(), "ENOTSUP", "a POSIX semaphore cannot tell whether anyone waits on it, "
				+ "so the event it stands for cannot be pulsed; set an auto-reset event instead");
	}

	@Override
	public boolean isSet() throws IOException {
		requireManualReset();
		enter("sem_getvalue");
		try {
			return this.semaphore.value() > 0;
		}
		finally {
			exit();
		}
	}

}
