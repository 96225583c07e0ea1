package dev.winipc.testing;

import java.util.concurrent.atomic.AtomicInteger;

import dev.winipc.transport.EndpointName;

/**
 * Pipe names no other test run uses.
 */
public final class PipeNames {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private PipeNames() {
	}

	/**
	 * Return a fresh pipe name.
	 * @param purpose a word for the reader of a failure
	 * @return the name
	 */
	public static String unique(String purpose) {
		return "winipc-test-" + purpose + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
	}

	/**
	 * Return the POSIX socket path of a pipe name.
	 * @param name the pipe name
	 * @return the path, as peers pass it
	 */
	public static String posixPath(String name) {
		return EndpointName.of(name).posixPipePath().toString();
	}

}
