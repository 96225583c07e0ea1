package dev.winipc.integration.sync;

import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.windows.WindowsTestPlatform;

/**
 * The lock registry and the event adapters on the Windows backend, against native
 * Windows peers: on Windows for real, on Linux with the backend's Win32 calls and the
 * peers under Wine.
 */
class WindowsBackendSyncAdaptersTest extends SyncAdapterContract {

	private static final IpcPlatform WINDOWS = WindowsTestPlatform.platform();

	@Override
	protected IpcPlatform platform() {
		return WINDOWS;
	}

	@Override
	protected PeerProcess peer(Object... arguments) {
		return WindowsPeers.start("sync_peer", arguments);
	}

	@Override
	protected PeerProcess shmPeer(Object... arguments) {
		return WindowsPeers.start("shm_peer", arguments);
	}

}
