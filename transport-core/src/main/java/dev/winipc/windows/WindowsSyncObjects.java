package dev.winipc.windows;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;

import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.EndpointName;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.NamedMutex;
import dev.winipc.transport.NamedSemaphore;
import dev.winipc.transport.SyncObjects;
import dev.winipc.transport.SyncOptions;

/**
 * Named mutexes, semaphores and events on Windows, {@code Local\NAME} or
 * {@code Global\NAME}: created with the current user's security descriptor (or the
 * access setting's SDDL), and when found existing accepted only if the current user owns
 * them, unless the access setting widens that.
 */
final class WindowsSyncObjects implements SyncObjects {

	/** What a handle needs: wait, change the state, and read the owner. */
	private static final int MUTEX_ACCESS = WinNT.SYNCHRONIZE | WinNT.MUTEX_MODIFY_STATE | WinNT.READ_CONTROL;

	private static final int SEMAPHORE_ACCESS = WinNT.SYNCHRONIZE | Win32.SEMAPHORE_MODIFY_STATE | WinNT.READ_CONTROL;

	private static final int EVENT_ACCESS = WinNT.SYNCHRONIZE | WinNT.EVENT_MODIFY_STATE | WinNT.READ_CONTROL;

	private final Win32 win32;

	private final NamedKernelObjects objects;

	WindowsSyncObjects(Win32 win32, NamedKernelObjects objects) {
		this.win32 = win32;
		this.objects = objects;
	}

	@Override
	public NamedMutex mutex(SyncOptions options) throws IOException {
		SyncObjects.requireKind(options, EndpointName.Kind.MUTEX);
		String name = options.name().windowsName();
		return WindowsNamedMutex.start(this.win32, options, this.objects.open(request(options, "CreateMutex",
				(attributes) -> this.win32.CreateMutexW(attributes, false, name), "OpenMutex",
				() -> this.win32.OpenMutexW(MUTEX_ACCESS, false, name))));
	}

	@Override
	public NamedSemaphore semaphore(SyncOptions options) throws IOException {
		SyncObjects.requireKind(options, EndpointName.Kind.SEMAPHORE);
		String name = options.name().windowsName();
		return new WindowsNamedSemaphore(this.win32, options, this.objects.open(request(options, "CreateSemaphore",
				(attributes) -> this.win32.CreateSemaphoreW(attributes, options.initialCount(), options.maximumCount(),
						name),
				"OpenSemaphore", () -> this.win32.OpenSemaphoreW(SEMAPHORE_ACCESS, false, name))));
	}

	@Override
	public NamedEvent event(SyncOptions options) throws IOException {
		SyncObjects.requireKind(options, EndpointName.Kind.EVENT);
		String name = options.name().windowsName();
		return new WindowsNamedEvent(this.win32, options, this.objects.open(request(options, "CreateEvent",
				(attributes) -> this.win32.CreateEventW(attributes, options.manualReset(), options.initialState(), name),
				"OpenEvent", () -> this.win32.OpenEventW(EVENT_ACCESS, false, name))));
	}

	private static NamedKernelObjects.Request request(SyncOptions options, String createCall,
			Function<SECURITY_ATTRIBUTES, @Nullable HANDLE> creator, String openCall, Supplier<@Nullable HANDLE> opener) {
		return new NamedKernelObjects.Request(options.name().windowsName(), options.name().kind().description(),
				options.create(), options.access(), options.isCurrentUserOnly(), createCall, creator, openCall, opener);
	}

}
