package dev.winipc.posix;

import java.io.IOException;

import dev.winipc.transport.AbstractSyncObject;
import dev.winipc.transport.SyncOptions;
import dev.winipc.transport.WaitDeadline;

/**
 * What the POSIX semaphore and event share: one named semaphore and the wait on it.
 */
abstract class PosixSemaphoreObject extends AbstractSyncObject {

	final SemaphoreHandle semaphore;

	PosixSemaphoreObject(SyncOptions options, SemaphoreHandle semaphore) {
		super(options, semaphore.name(), semaphore.created());
		this.semaphore = semaphore;
	}

	/**
	 * Take one count, waiting at most until the deadline; a close ends the wait within a
	 * slice.
	 * @param deadline when to give up
	 * @param passOn whether to post the count straight back, as a manual-reset event's
	 * waiter does
	 * @return {@code true} if a count was taken
	 * @throws java.io.InterruptedIOException if the thread is interrupted
	 * @throws dev.winipc.transport.IpcException if the OS refuses, or the handle is closed
	 */
	final boolean take(WaitDeadline deadline, boolean passOn) throws IOException {
		enter("sem_timedwait");
		try {
			if (this.semaphore.await(deadline, this::isClosed)) {
				if (passOn) {
					this.semaphore.post();
				}
				return true;
			}
			if (isClosed()) {
				throw closedException("sem_timedwait");
			}
			return false;
		}
		finally {
			exit();
		}
	}

	@Override
	protected final void closeHandles() {
		this.semaphore.close();
	}

}
