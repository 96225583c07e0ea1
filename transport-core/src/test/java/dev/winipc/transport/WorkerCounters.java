package dev.winipc.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The counters semaphore workers of any process count themselves in with, in a shared
 * segment as {@code peers/sync_peer.c sem-work} lays them out: {@code int32 inside},
 * {@code int32 most inside at once}, {@code int32 rounds}, little-endian, updated
 * atomically.
 */
final class WorkerCounters implements AutoCloseable {

	/** The bytes the counters take. */
	static final int SIZE = 64;

	private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final int INSIDE = 0;

	private static final int MOST_INSIDE = 4;

	private static final int ROUNDS = 8;

	private final SharedRegion region;

	private WorkerCounters(SharedRegion region) {
		this.region = region;
	}

	/**
	 * Create the counters, zero, in a new segment that closing removes.
	 * @param memory the backend's shared memory
	 * @param name the segment's name
	 * @return the counters
	 * @throws IOException if the segment cannot be made
	 */
	static WorkerCounters create(SharedMemory memory, String name) throws IOException {
		return new WorkerCounters(memory.open(SharedRegionOptions.builder(name).size(SIZE).removeOnClose(true).build()));
	}

	/** Count one worker in, raising the most inside at once when it is more than ever. */
	void enter() {
		int inside = (int) INTS.getAndAdd(this.region.buffer(), INSIDE, 1) + 1;
		int most = (int) INTS.getVolatile(this.region.buffer(), MOST_INSIDE);
		while (inside > most && !INTS.compareAndSet(this.region.buffer(), MOST_INSIDE, most, inside)) {
			most = (int) INTS.getVolatile(this.region.buffer(), MOST_INSIDE);
		}
	}

	/** Count one worker out, and its round done. */
	void leave() {
		INTS.getAndAdd(this.region.buffer(), ROUNDS, 1);
		INTS.getAndAdd(this.region.buffer(), INSIDE, -1);
	}

	/** @return how many workers are inside now */
	int inside() {
		return (int) INTS.getVolatile(this.region.buffer(), INSIDE);
	}

	/** @return the most workers that were inside at once */
	int mostInside() {
		return (int) INTS.getVolatile(this.region.buffer(), MOST_INSIDE);
	}

	/** @return the rounds every worker has done together */
	int rounds() {
		return (int) INTS.getVolatile(this.region.buffer(), ROUNDS);
	}

	@Override
	public void close() {
		this.region.close();
	}

}
