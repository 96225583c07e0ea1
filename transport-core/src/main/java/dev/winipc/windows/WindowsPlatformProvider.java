package dev.winipc.windows;

import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.IpcPlatformProvider;

/**
 * Finds the Windows backend for {@link IpcPlatform#current()}; registered in
 * {@code META-INF/services/dev.winipc.transport.IpcPlatformProvider}.
 * <p>
 * {@link #isSupported()} looks at {@code os.name} only, so this class loads and answers
 * on any OS; kernel32 and advapi32 are loaded by the first {@link #create()}, once.
 *
 * @since 0.1.0
 */
public final class WindowsPlatformProvider implements IpcPlatformProvider {

	private static @Nullable Win32 win32;

	@Override
	public String name() {
		return WindowsIpcPlatform.NAME;
	}

	@Override
	public boolean isSupported() {
		return System.getProperty("os.name", "").startsWith("Windows");
	}

	/**
	 * Create the backend over the JNA binding, loaded on first use.
	 * @return the platform
	 * @throws IllegalStateException if kernel32 or advapi32 cannot be loaded, e.g. off
	 * Windows
	 */
	@Override
	public IpcPlatform create() {
		return new WindowsIpcPlatform(win32());
	}

	private static synchronized Win32 win32() {
		Win32 loaded = win32;
		if (loaded == null) {
			try {
				loaded = JnaWin32.load();
			}
			catch (UnsatisfiedLinkError ex) {
				throw new IllegalStateException("The windows platform needs kernel32 and advapi32, which "
						+ System.getProperty("os.name") + " does not have", ex);
			}
			win32 = loaded;
		}
		return loaded;
	}

}
