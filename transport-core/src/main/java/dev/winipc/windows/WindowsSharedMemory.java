package dev.winipc.windows;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

/**
 * Named shared memory on Windows: a file mapping backed by the page file,
 * {@code CreateFileMapping(INVALID_HANDLE_VALUE, ..., "Local\NAME")} or
 * {@code OpenFileMapping}, mapped whole with {@code MapViewOfFile}.
 * <p>
 * A created mapping gets the current-user security descriptor (or the access setting's
 * SDDL). A mapping that already existed, whether found by {@code CreateFileMapping}
 * ({@code ERROR_ALREADY_EXISTS}) or opened, must be owned by the current user unless the
 * access setting widens it. A mapping lives while any process holds a handle to it:
 * {@code remove-on-close} has nothing to remove here.
 */
final class WindowsSharedMemory implements SharedMemory {

	private static final Logger logger = System.getLogger(WindowsSharedMemory.class.getName());

	/** The view's access: read and write. */
	private static final int FILE_MAP_READ_WRITE = WinNT.FILE_MAP_READ | WinNT.FILE_MAP_WRITE;

	private final Win32 win32;

	private final NamedKernelObjects objects;

	WindowsSharedMemory(Win32 win32, NamedKernelObjects objects) {
		this.win32 = win32;
		this.objects = objects;
	}

	@Override
	public SharedRegion open(SharedRegionOptions options) throws IOException {
		String name = options.name().windowsName();
		NamedKernelObjects.Opened opened = this.objects.open(new NamedKernelObjects.Request(name, "file mapping",
				options.create(), options.access(), options.isCurrentUserOnly(), "CreateFileMapping",
				(attributes) -> this.win32.CreateFileMappingW(WinBase.INVALID_HANDLE_VALUE, attributes,
						WinNT.PAGE_READWRITE, 0, options.size(), name),
				"OpenFileMapping", () -> this.win32.OpenFileMappingW(FILE_MAP_READ_WRITE | WinNT.READ_CONTROL, false, name)));
		HANDLE mapping = opened.handle();
		boolean created = opened.created();
		try {
			@Nullable Pointer view = this.win32.MapViewOfFile(mapping, FILE_MAP_READ_WRITE, 0, 0,
					new SIZE_T(options.size()));
			if (view == null) {
				throw Win32Errors.failure("MapViewOfFile", name, this.win32.lastError(), created ? null
						: "the existing mapping may be smaller than the " + options.size() + " bytes configured");
			}
			logger.log(Level.DEBUG, () -> (created ? "Created" : "Opened") + " file mapping " + name + " ("
					+ options.size() + " bytes)");
			return new WindowsSharedRegion(this.win32, options, name, mapping, view, created);
		}
		catch (IOException | RuntimeException ex) {
			Win32Handles.close(this.win32, mapping, name);
			throw ex;
		}
	}

}
