package dev.winipc.integration.pipe;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The adapter contract on the POSIX backend, against {@code peers/pipe_peer.c}.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the POSIX backend's Unix domain sockets")
class PosixPipeAdapterContractTest extends PipeAdapterContract {

	@Override
	PeerBackend backend() {
		return PeerBackend.POSIX;
	}

}
