package dev.winipc.integration.pipe;

/**
 * The bad-input contract on the Windows backend, against {@code peers/win_pipe_peer.c}:
 * on Windows for real, on Linux with the backend's Win32 calls and the peers under Wine.
 */
class WindowsPipeBadInputContractTest extends PipeBadInputContract {

	@Override
	PeerBackend backend() {
		return PeerBackend.WINDOWS;
	}

}
