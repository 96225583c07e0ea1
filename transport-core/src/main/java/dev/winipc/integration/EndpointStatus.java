package dev.winipc.integration;

/**
 * Whether a winipc endpoint does its work, as its {@link EndpointState} tells.
 *
 * @since 0.1.0
 */
public enum EndpointStatus {

	/** It runs and reaches its OS object: a pipe served or connected, a slot read, a segment mapped. */
	UP,

	/**
	 * It runs but cannot do its work: a client retrying its connection, a writer whose
	 * last write found no reader, a segment whose name was removed, a reader that stopped
	 * on an error.
	 */
	DOWN,

	/** It is not running: not started yet, stopped, or started only on demand. */
	STOPPED

}
