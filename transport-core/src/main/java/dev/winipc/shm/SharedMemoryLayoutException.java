package dev.winipc.shm;

import dev.winipc.transport.IpcException;

/**
 * The bytes of a shared-memory segment do not hold the layout they should: a header that
 * is not winipc's or does not match the configuration, a record length or position that
 * points outside the ring. Nothing read from shared memory is used before it is checked,
 * so such bytes give this exception, naming the segment, and never a crash.
 *
 * @since 0.1.0
 */
public class SharedMemoryLayoutException extends IpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param operation what was being done, e.g. {@code read}
	 * @param segment the segment's OS name, e.g. {@code /ticks}
	 * @param detail what is wrong, and where
	 */
	public SharedMemoryLayoutException(String operation, String segment, String detail) {
		super(operation, segment, detail);
	}

	/**
	 * Create the exception explaining an OS failure.
	 * @param operation what was being done, e.g. {@code open}
	 * @param segment the segment's OS name
	 * @param detail what is wrong
	 * @param cause the OS failure it explains
	 */
	public SharedMemoryLayoutException(String operation, String segment, String detail, IpcException cause) {
		super(operation, segment, null, -1, detail, cause);
	}

}
