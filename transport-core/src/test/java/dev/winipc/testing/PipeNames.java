package dev.winipc.testing;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.winipc.transport.EndpointName;

/**
 * Pipe and mailslot names no other test run uses.
 */
public final class PipeNames {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final Set<Path> USED = ConcurrentHashMap.newKeySet();

	static {
		// Peers killed by a test leave their socket files behind; a test run leaves none.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> USED.forEach(path -> path.toFile().delete())));
	}

	private PipeNames() {
	}

	/**
	 * Return a fresh pipe name.
	 * @param purpose a word for the reader of a failure
	 * @return the name
	 */
	public static String unique(String purpose) {
		return fresh(EndpointName::pipe, purpose);
	}

	/**
	 * Return a fresh mailslot name.
	 * @param purpose a word for the reader of a failure
	 * @return the name
	 */
	public static String uniqueMailslot(String purpose) {
		return fresh(EndpointName::mailslot, purpose);
	}

	private static String fresh(Function<String, EndpointName> kind, String purpose) {
		String name = "winipc-test-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
		USED.add(kind.apply(name).posixPath());
		return name;
	}

	/**
	 * Return the POSIX socket path of a mailslot name.
	 * @param name the mailslot name
	 * @return the path, as peers pass it
	 */
	public static String mailslotPath(String name) {
		return EndpointName.mailslot(name).posixPath().toString();
	}

	/**
	 * Return the POSIX socket path of a pipe name.
	 * @param name the pipe name
	 * @return the path, as peers pass it
	 */
	public static String posixPath(String name) {
		return EndpointName.pipe(name).posixPath().toString();
	}

}
