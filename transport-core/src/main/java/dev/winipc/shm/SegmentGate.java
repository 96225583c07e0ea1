package dev.winipc.shm;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedRegion;

/**
 * Keeps a mapped region alive while any thread uses it: every operation holds the read
 * lock, closing takes the write lock, so the memory is unmapped only once no operation
 * touches it, and an operation after that fails instead of faulting.
 */
final class SegmentGate {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final SharedRegion region;

	private boolean closed;

	SegmentGate(SharedRegion region) {
		this.region = region;
	}

	/**
	 * Enter an operation; the caller calls {@link #exit()} in a {@code finally}.
	 * @param operation what is being done, for the error
	 * @throws IpcException if the region is closed
	 */
	void enter(String operation) throws IpcException {
		this.lock.readLock().lock();
		if (this.closed) {
			this.lock.readLock().unlock();
			throw new IpcException(operation, this.region.osName(), "the shared-memory segment is closed");
		}
	}

	void exit() {
		this.lock.readLock().unlock();
	}

	/**
	 * Close the region once no operation is in progress. Idempotent.
	 */
	void close() {
		this.lock.writeLock().lock();
		try {
			if (!this.closed) {
				this.closed = true;
				this.region.close();
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

}
