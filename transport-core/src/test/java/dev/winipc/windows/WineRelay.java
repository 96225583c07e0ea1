package dev.winipc.windows;

import java.nio.file.Path;
import java.util.List;

import dev.winipc.testing.Wine;

/**
 * The one Win32 relay of this test JVM: {@code peers/win32_relay.c} compiled with mingw
 * and running under Wine, shared by every test that runs the Windows backend on Linux.
 */
final class WineRelay {

	private static WineRelay instance;

	private final Process process;

	private final RelayWin32 win32;

	private final long processId;

	private WineRelay(Process process) {
		this.process = process;
		this.win32 = new RelayWin32(process.getOutputStream(), process.getInputStream(), process.toHandle());
		this.processId = this.win32.relayProcessId();
	}

	static synchronized WineRelay get() {
		if (instance == null) {
			Path log = Path.of("target", "wine-relay.log");
			WineRelay relay = new WineRelay(Wine.get().startRaw("win32_relay", List.of(), log));
			Runtime.getRuntime().addShutdownHook(new Thread(relay::stop));
			instance = relay;
		}
		return instance;
	}

	RelayWin32 win32() {
		return this.win32;
	}

	long processId() {
		return this.processId;
	}

	private void stop() {
		this.win32.close();
		this.process.destroy();
	}

}
