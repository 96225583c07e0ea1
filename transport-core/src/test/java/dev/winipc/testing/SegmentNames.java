package dev.winipc.testing;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.winipc.transport.EndpointName;

/**
 * Shared-memory segment names no other test run uses; the segments a run leaves in
 * {@code /dev/shm} are removed when it ends.
 */
public final class SegmentNames {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final Set<Path> USED = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> USED.forEach(path -> path.toFile().delete())));
	}

	private SegmentNames() {
	}

	/**
	 * Return a fresh segment name, without a namespace.
	 * @param purpose a word for the reader of a failure
	 * @return the name
	 */
	public static String unique(String purpose) {
		String name = "winipc-test-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
		USED.add(EndpointName.sharedMemory(name).posixPath());
		return name;
	}

	/**
	 * Return the file of a segment on Linux.
	 * @param name the segment's name
	 * @return {@code /dev/shm/NAME}
	 */
	public static Path posixPath(String name) {
		return EndpointName.sharedMemory(name).posixPath();
	}

}
