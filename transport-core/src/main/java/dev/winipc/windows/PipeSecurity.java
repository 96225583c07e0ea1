package dev.winipc.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.PointerByReference;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeOptions;

/**
 * The security of winipc's named objects, pipes, mailslots and file mappings alike: the
 * security descriptor of the object an endpoint creates (current user only unless the
 * options carry an SDDL override) and the check of the endpoint that opens one that it
 * belongs to its own user, so that a name squatted by someone else is refused.
 */
final class PipeSecurity {

	private final Win32 win32;

	private final WindowsAccounts accounts;

	PipeSecurity(Win32 win32, WindowsAccounts accounts) {
		this.win32 = win32;
		this.accounts = accounts;
	}

	/**
	 * Return the SDDL that owns the pipe by a user and grants that user alone full
	 * access; {@code P} keeps inheritable entries out.
	 * @param sid the user's SID string
	 * @return e.g. {@code O:S-1-5-21-1-2-3-1001D:P(A;;GA;;;S-1-5-21-1-2-3-1001)}
	 */
	static String currentUserSddl(String sid) {
		return "O:" + sid + "D:P(A;;GA;;;" + sid + ")";
	}

	/**
	 * Return the SDDL a server applies to its pipe.
	 * @param options the pipe's options
	 * @param path the pipe path, for error messages
	 * @return the current-user SDDL, or the override from {@link PipeOptions#access()}
	 * @throws IpcException if the current user cannot be determined
	 */
	String sddlFor(PipeOptions options, String path) throws IpcException {
		return sddlFor(options.access(), path);
	}

	/**
	 * Return the SDDL of an object created with an access setting.
	 * @param access {@link PipeOptions#CURRENT_USER} or an SDDL string
	 * @param path the object's name, for error messages
	 * @return the current-user SDDL, or the access setting itself
	 * @throws IpcException if the current user cannot be determined
	 */
	String sddlFor(String access, String path) throws IpcException {
		return PipeOptions.CURRENT_USER.equals(access) ? currentUserSddl(this.accounts.currentUser(path).sidString())
				: access;
	}

	/**
	 * Turn SDDL into a security descriptor, which the caller releases with
	 * {@code LocalFree} once no object is created with it any more.
	 * @param sddl the SDDL
	 * @param path the object's path, for error messages
	 * @return the security descriptor, an opaque pointer
	 * @throws IpcException if the SDDL is not valid
	 */
	Pointer securityDescriptor(String sddl, String path) throws IpcException {
		PointerByReference descriptor = new PointerByReference();
		if (!this.win32.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, Win32.SDDL_REVISION_1, descriptor,
				null)) {
			throw Win32Errors.failure("ConvertStringSecurityDescriptorToSecurityDescriptor", path,
					this.win32.lastError(), "for SDDL '" + sddl + "'");
		}
		return descriptor.getValue();
	}

	/**
	 * Wrap a security descriptor for {@code CreateNamedPipe} or {@code CreateMailslot};
	 * the handles are not
	 * inherited by child processes.
	 * @param securityDescriptor the descriptor from {@link #securityDescriptor}
	 * @return the security attributes
	 */
	static SECURITY_ATTRIBUTES attributes(Pointer securityDescriptor) {
		SECURITY_ATTRIBUTES attributes = new SECURITY_ATTRIBUTES();
		attributes.dwLength = new DWORD(attributes.size());
		attributes.lpSecurityDescriptor = securityDescriptor;
		attributes.bInheritHandle = false;
		return attributes;
	}

	/**
	 * Read the owner and DACL a pipe carries, as SDDL.
	 * @param pipe either end of the pipe
	 * @param path the pipe path
	 * @return e.g. {@code O:S-1-5-21-...-1001D:P(A;;FA;;;S-1-5-21-...-1001)}; Windows
	 * shows granted generic rights mapped to the object's own ({@code GA} as {@code FA})
	 * @throws IpcException if Win32 refuses
	 */
	String sddlOf(HANDLE pipe, String path) throws IpcException {
		int information = WinNT.OWNER_SECURITY_INFORMATION | WinNT.DACL_SECURITY_INFORMATION;
		PointerByReference descriptor = new PointerByReference();
		int status = this.win32.GetSecurityInfo(pipe, AccCtrl.SE_OBJECT_TYPE.SE_KERNEL_OBJECT, information,
				new PointerByReference(), null, new PointerByReference(), null, descriptor);
		if (status != WinError.ERROR_SUCCESS) {
			throw Win32Errors.failure("GetSecurityInfo", path, status, "cannot read the pipe's security");
		}
		try {
			PointerByReference text = new PointerByReference();
			if (!this.win32.ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor.getValue(),
					Win32.SDDL_REVISION_1, information, text, null)) {
				throw Win32Errors.failure("ConvertSecurityDescriptorToStringSecurityDescriptor", path,
						this.win32.lastError());
			}
			try {
				return text.getValue().getWideString(0);
			}
			finally {
				this.win32.LocalFree(text.getValue());
			}
		}
		finally {
			this.win32.LocalFree(descriptor.getValue());
		}
	}

	/**
	 * Check that the pipe a client opened is owned by the current user, as .NET's
	 * {@code PipeOptions.CurrentUserOnly} does: a server of another user that got the name
	 * first must not receive this user's data; one that reports no owner is refused. The owner this user's token gives new
	 * objects counts as the user too: a program of an elevated administrator (Python's
	 * {@code Listener}, say) creates pipes owned by the Administrators group.
	 * @param pipe the client end
	 * @param path the pipe path
	 * @throws IpcException if the owner is another user, or cannot be read
	 */
	void requireOwnedByCurrentUser(HANDLE pipe, String path) throws IpcException {
		requireOwnedByCurrentUser(pipe, path, "connect", "pipe");
	}

	/**
	 * Check that a kernel object this process opened is owned by the current user.
	 * @param object a handle with {@code READ_CONTROL} access
	 * @param path the object's name
	 * @param operation what is being done, for the message, e.g. {@code connect}
	 * @param kind what the object is, for the message, e.g. {@code file mapping}
	 * @throws IpcException if the owner is another user, none, or cannot be read
	 */
	void requireOwnedByCurrentUser(HANDLE object, String path, String operation, String kind) throws IpcException {
		if (!isOwnedByCurrentUser(object, path, operation, kind)) {
			throw new IpcException(operation, path, "the " + kind + " has no owner (Wine gives none to an object "
					+ "created without security attributes); refusing to use it");
		}
	}

	/**
	 * Check that an object an endpoint opened belongs to the current user. The owner
	 * this user's token gives new objects counts as the user too: a program of an
	 * elevated administrator (Python's {@code Listener}, say) creates objects owned by the
	 * Administrators group.
	 * @param handle the endpoint's handle to it, with {@code READ_CONTROL} access
	 * @param path the object's path
	 * @param operation what the endpoint was doing, for the error, e.g. {@code connect}
	 * @param kind what the object is, for the error, e.g. {@code pipe}
	 * @return {@code true} if the current user owns it, {@code false} if the OS reports
	 * no owner at all (Wine, for a mailslot writer's handle)
	 * @throws IpcException if another user owns it, or the owner cannot be read
	 */
	boolean isOwnedByCurrentUser(HANDLE handle, String path, String operation, String kind) throws IpcException {
		WindowsAccounts.CurrentUser user = this.accounts.currentUser(path);
		PointerByReference owner = new PointerByReference();
		PointerByReference descriptor = new PointerByReference();
		// GetSecurityInfo returns its error instead of setting the last error.
		int status = this.win32.GetSecurityInfo(handle, AccCtrl.SE_OBJECT_TYPE.SE_KERNEL_OBJECT,
				WinNT.OWNER_SECURITY_INFORMATION, owner, null, null, null, descriptor);
		if (status != WinError.ERROR_SUCCESS) {
			throw Win32Errors.failure("GetSecurityInfo", path, status, "cannot read the " + kind + "'s owner");
		}
		try {
			if (owner.getValue() == null) {
				return false;
			}
			// The owner SID points into the descriptor: compare it before freeing that.
			if (!this.win32.EqualSid(owner.getValue(), user.sid())
					&& !this.win32.EqualSid(owner.getValue(), user.defaultOwner())) {
				throw new IpcException(operation, path, "the " + kind + " is owned by "
						+ this.accounts.sidString(owner.getValue(), path) + ", not by the current user "
						+ user.sidString() + " (" + user.accountName() + "); refusing to use it");
			}
			return true;
		}
		finally {
			this.win32.LocalFree(descriptor.getValue());
		}
	}

}
