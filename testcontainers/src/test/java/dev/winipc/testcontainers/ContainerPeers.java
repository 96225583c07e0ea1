package dev.winipc.testcontainers;

import dev.winipc.testing.NativePeers;

/**
 * winipc's own C peers ({@code peers/NAME.c} of the transport tests), each compiled
 * statically once and run in a container of its own.
 */
final class ContainerPeers {

	private ContainerPeers() {
	}

	/**
	 * Return a container of a C peer, not yet started.
	 * @param name the peer's base name, e.g. {@code pipe_peer}
	 * @param arguments its arguments
	 * @return the container
	 */
	static NativePeerContainer peer(String name, Object... arguments) {
		return new NativePeerContainer(NativePeerImage.compile(NativePeers.source(name))).withArguments(arguments);
	}

}
