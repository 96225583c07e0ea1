package dev.winipc.windows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;

import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * A view of a file mapping, and the mapping's handle, which keeps the mapping alive.
 */
final class WindowsSharedRegion implements SharedRegion {

	private static final Logger logger = System.getLogger(WindowsSharedRegion.class.getName());

	private final Win32 win32;

	private final SharedRegionOptions options;

	private final String osName;

	private final HANDLE mapping;

	private final Pointer view;

	private final boolean created;

	private final ByteBuffer buffer;

	private final AtomicBoolean closed = new AtomicBoolean();

	WindowsSharedRegion(Win32 win32, SharedRegionOptions options, String osName, HANDLE mapping, Pointer view,
			boolean created) {
		this.win32 = win32;
		this.options = options;
		this.osName = osName;
		this.mapping = mapping;
		this.view = view;
		this.created = created;
		this.buffer = view.getByteBuffer(0, options.size()).order(ByteOrder.LITTLE_ENDIAN);
	}

	@Override
	public SharedRegionOptions options() {
		return this.options;
	}

	@Override
	public String osName() {
		return this.osName;
	}

	@Override
	public int size() {
		return this.options.size();
	}

	@Override
	public boolean created() {
		return this.created;
	}

	@Override
	public ByteBuffer buffer() {
		return this.buffer;
	}

	@Override
	public boolean isStillNamed() {
		// A mapping's name lives exactly as long as the mapping: nobody can remove it.
		return true;
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			if (!this.win32.UnmapViewOfFile(this.view)) {
				int error = this.win32.lastError();
				logger.log(Level.WARNING, () -> "UnmapViewOfFile(" + this.osName + ") failed: " + Win32Errors.describe(error));
			}
			Win32Handles.close(this.win32, this.mapping, this.osName);
		}
	}

	@Override
	public void unmap() {
		close();
	}

	@Override
	public String toString() {
		return "WindowsSharedRegion[" + this.osName + ", " + this.options.size() + " bytes]";
	}

}
