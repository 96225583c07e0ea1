package dev.winipc.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the backends' {@link PipeConnection}s: identity, options and mode checks.
 *
 * @since 0.1.0
 */
public abstract class AbstractPipeConnection implements PipeConnection {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private final PipeOptions options;

	private final PeerIdentity peer;

	private final String id;

	private final String path;

	/**
	 * Create the connection's identity.
	 * @param options the pipe's options
	 * @param peer what the OS tells about the other end
	 * @param path the OS path of the pipe, for messages
	 */
	protected AbstractPipeConnection(PipeOptions options, PeerIdentity peer, String path) {
		this.options = options;
		this.peer = peer;
		this.path = path;
		this.id = options.name().name() + "-" + SEQUENCE.incrementAndGet();
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public EndpointName endpoint() {
		return this.options.name();
	}

	@Override
	public PeerIdentity peer() {
		return this.peer;
	}

	@Override
	public PipeMode mode() {
		return this.options.mode();
	}

	/**
	 * Return the options of the pipe.
	 * @return the options
	 */
	protected PipeOptions options() {
		return this.options;
	}

	@Override
	public String path() {
		return this.path;
	}

	/**
	 * Fail unless the pipe is in the mode an operation needs.
	 * @param required the mode
	 * @param operation the operation, for the message
	 * @throws IllegalStateException in the other mode
	 */
	protected void requireMode(PipeMode required, String operation) {
		if (this.options.mode() != required) {
			throw new IllegalStateException(operation + " needs PipeMode." + required + ", but " + this.path
					+ " is in " + this.options.mode() + " mode");
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.id + ", " + this.path + ", peer=" + this.peer + "]";
	}

}
