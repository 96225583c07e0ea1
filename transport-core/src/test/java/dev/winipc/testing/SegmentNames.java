package dev.winipc.testing;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.winipc.transport.EndpointName;

/**
 * Names of shared-memory segments and named synchronization objects that no other test
 * run uses; the files a run leaves ({@code /dev/shm/NAME}, {@code /dev/shm/sem.NAME},
 * {@code $TMPDIR/winipc-mutex-NAME}) are removed when it ends.
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
		return unique(EndpointName.Kind.SHARED_MEMORY, purpose);
	}

	/**
	 * Return a fresh name of an object of any kind, without a namespace.
	 * @param kind what the object is, for the file it leaves on POSIX
	 * @param purpose a word for the reader of a failure
	 * @return the name
	 */
	public static String unique(EndpointName.Kind kind, String purpose) {
		String name = "winipc-test-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
		USED.add(EndpointName.of(kind, name).posixPath());
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
