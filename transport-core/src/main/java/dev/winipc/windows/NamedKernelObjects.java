package dev.winipc.windows;

import java.util.function.Function;
import java.util.function.Supplier;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;

/**
 * Create-or-open of a named kernel object ({@code Local\NAME}, {@code Global\NAME}), the
 * same for file mappings, mutexes, semaphores and events: created with the current-user
 * security descriptor (or the access setting's SDDL); found existing, whether by the
 * create call ({@code ERROR_ALREADY_EXISTS}) or opened, it must belong to the current
 * user unless the access setting widens it. One whose access list refuses the create
 * call's every right ({@code ERROR_ACCESS_DENIED}) is opened with the rights a handle
 * needs, as Win32 advises.
 */
final class NamedKernelObjects {

	private final Win32 win32;

	private final PipeSecurity security;

	NamedKernelObjects(Win32 win32, PipeSecurity security) {
		this.win32 = win32;
		this.security = security;
	}

	/**
	 * Create or open an object.
	 * @param request what to create or open, and how
	 * @return the handle, and whether this call created the object
	 * @throws IpcException naming the object if Win32 refuses, it is missing and not to
	 * be created, or it belongs to another user
	 */
	Opened open(Request request) throws IpcException {
		String name = request.name();
		HANDLE handle;
		boolean created;
		if (request.create()) {
			Pointer descriptor = this.security.securityDescriptor(this.security.sddlFor(request.access(), name), name);
			try {
				@Nullable HANDLE made = request.creator().apply(PipeSecurity.attributes(descriptor));
				int error = this.win32.lastError();
				if (made == null || !Win32Handles.isValid(made)) {
					// An existing object whose access list grants less than every right
					// refuses the create call, which asks for all of them; Win32's answer
					// is to open it with the rights a handle needs.
					@Nullable HANDLE opened = (error == WinError.ERROR_ACCESS_DENIED) ? request.opener().get() : null;
					if (opened == null || !Win32Handles.isValid(opened)) {
						throw Win32Errors.failure(request.createCall(), name, error, explain(error, request));
					}
					made = opened;
					error = WinError.ERROR_ALREADY_EXISTS;
				}
				handle = made;
				created = error != WinError.ERROR_ALREADY_EXISTS;
			}
			finally {
				this.win32.LocalFree(descriptor);
			}
		}
		else {
			@Nullable HANDLE opened = request.opener().get();
			if (opened == null || !Win32Handles.isValid(opened)) {
				int error = this.win32.lastError();
				throw Win32Errors.failure(request.openCall(), name, error,
						(error == WinError.ERROR_FILE_NOT_FOUND) ? "no such " + request.kind() + ", and create is false"
								: explain(error, request));
			}
			handle = opened;
			created = false;
		}
		try {
			if (!created && request.currentUserOnly()) {
				// Found existing, it was opened: the message says so whichever call found it.
				this.security.requireOwnedByCurrentUser(handle, name, request.openCall(), request.kind());
			}
		}
		catch (IpcException | RuntimeException ex) {
			Win32Handles.close(this.win32, handle, name);
			throw ex;
		}
		return new Opened(handle, created);
	}

	private static @Nullable String explain(int error, Request request) {
		// Kernel objects of every type share one namespace.
		return (error == WinError.ERROR_INVALID_HANDLE) ? "the name belongs to an object that is not a " + request.kind()
				: null;
	}

	/**
	 * What to create or open.
	 * @param name the object's Win32 name, e.g. {@code Local\orders}
	 * @param kind what it is, for messages, e.g. {@code mutex}
	 * @param create whether a missing one is created
	 * @param access {@code current-user} or an SDDL string
	 * @param currentUserOnly whether an existing one must be the current user's
	 * @param createCall the create function's name, e.g. {@code CreateMutex}
	 * @param creator the create call, given the security attributes
	 * @param openCall the open function's name, e.g. {@code OpenMutex}
	 * @param opener the open call
	 */
	record Request(String name, String kind, boolean create, String access, boolean currentUserOnly, String createCall,
			Function<SECURITY_ATTRIBUTES, @Nullable HANDLE> creator, String openCall,
			Supplier<@Nullable HANDLE> opener) {
	}

	/**
	 * An object created or opened.
	 * @param handle its handle, which the caller closes
	 * @param created whether this call created it
	 */
	record Opened(HANDLE handle, boolean created) {
	}

}
