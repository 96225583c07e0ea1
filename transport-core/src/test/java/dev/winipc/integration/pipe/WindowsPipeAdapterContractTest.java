package dev.winipc.integration.pipe;

/**
 * The adapter contract on the Windows backend, against {@code peers/win_pipe_peer.c}:
 * on Windows for real, on Linux with the backend's Win32 calls and the peers under Wine.
 */
class WindowsPipeAdapterContractTest extends PipeAdapterContract {

	@Override
	PeerBackend backend() {
		return PeerBackend.WINDOWS;
	}

}
