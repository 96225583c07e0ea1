package dev.winipc.integration.pipe;

/**
 * Which end of the pipe an endpoint is. Either role carries either direction: a server
 * can push to its clients, a client can receive from its server.
 *
 * @since 0.1.0
 */
public enum PipeRole {

	/** Creates the pipe and serves many clients. */
	SERVER,

	/** Connects to a pipe another process serves. */
	CLIENT

}
