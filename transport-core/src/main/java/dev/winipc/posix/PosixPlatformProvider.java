package dev.winipc.posix;

import java.util.Locale;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.IpcPlatformProvider;

/**
 * Provides {@link PosixIpcPlatform} on Linux and macOS.
 *
 * @since 0.1.0
 */
public final class PosixPlatformProvider implements IpcPlatformProvider {

	@Override
	public String name() {
		return PosixIpcPlatform.NAME;
	}

	@Override
	public boolean isSupported() {
		return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

	@Override
	public IpcPlatform create() {
		return new PosixIpcPlatform();
	}

}
