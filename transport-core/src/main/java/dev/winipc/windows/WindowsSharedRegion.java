package dev.winipc.windows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import dev.winipc.transport.AbstractSharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * A view of a file mapping, and the mapping's handle, which keeps the mapping alive.
 */
final class WindowsSharedRegion extends AbstractSharedRegion {

	private static final Logger logger = System.getLogger(WindowsSharedRegion.class.getName());

	private final Win32 win32;

	private final HANDLE mapping;

	private final Pointer view;

	WindowsSharedRegion(Win32 win32, SharedRegionOptions options, String osName, HANDLE mapping, Pointer view,
			boolean created) {
		super(options, osName, created, view.getByteBuffer(0, options.size()));
		this.win32 = win32;
		this.mapping = mapping;
		this.view = view;
	}

	@Override
	public boolean isStillNamed() {
		// A mapping's name lives exactly as long as the mapping: nobody can remove it.
		return true;
	}

	/** A mapping lives while a handle to it is open: there is no name to remove. */
	@Override
	protected void release(boolean removeName) {
		if (!this.win32.UnmapViewOfFile(this.view)) {
			int error = this.win32.lastError();
			logger.log(Level.WARNING, () -> "UnmapViewOfFile(" + osName() + ") failed: " + Win32Errors.describe(error));
		}
		Win32Handles.close(this.win32, this.mapping, osName());
	}

}
