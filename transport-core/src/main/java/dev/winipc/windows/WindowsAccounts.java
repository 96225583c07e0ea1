package dev.winipc.windows;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PeerIdentity;

/**
 * Who is who: the current user's SID, the user a process runs as, and the identity of the
 * process at the other end of a pipe. SIDs stay opaque pointers, compared with
 * {@code EqualSid} and printed with {@code ConvertSidToStringSid}.
 */
final class WindowsAccounts {

	private static final Logger logger = System.getLogger(WindowsAccounts.class.getName());

	private final Win32 win32;

	private @Nullable CurrentUser currentUser;

	WindowsAccounts(Win32 win32) {
		this.win32 = win32;
	}

	/**
	 * Return the user this process runs as, looked up once.
	 * @param path the endpoint that needs it, for error messages
	 * @return the current user
	 * @throws IpcException if the process token cannot be read
	 */
	synchronized CurrentUser currentUser(String path) throws IpcException {
		CurrentUser user = this.currentUser;
		if (user == null) {
			HANDLE process = this.win32.GetCurrentProcess();
			Memory tokenUser = tokenInformation(process, WinNT.TOKEN_INFORMATION_CLASS.TokenUser, path);
			Memory tokenOwner = tokenInformation(process, WinNT.TOKEN_INFORMATION_CLASS.TokenOwner, path);
			Pointer sid = CurrentUser.sidOf(tokenUser);
			user = new CurrentUser(tokenUser, tokenOwner, sidString(sid, path), accountName(sid, path));
			this.currentUser = user;
		}
		return user;
	}

	/**
	 * Return what Win32 tells about the client connected to a server's pipe instance.
	 * @param pipe the server end
	 * @param path the pipe path
	 * @return the client's identity; parts Win32 would not tell are {@code null}
	 */
	PeerIdentity clientOf(HANDLE pipe, String path) {
		IntByReference processId = new IntByReference();
		if (!this.win32.GetNamedPipeClientProcessId(pipe, processId)) {
			int error = this.win32.lastError();
			logger.log(Level.DEBUG, () -> "GetNamedPipeClientProcessId(" + path + ") failed: " + Win32Errors.describe(error));
			return PeerIdentity.UNKNOWN;
		}
		return identityOf(processId.getValue(), path);
	}

	/**
	 * Return what Win32 tells about the server a client's pipe is connected to.
	 * @param pipe the client end
	 * @param path the pipe path
	 * @return the server's identity; parts Win32 would not tell are {@code null}
	 */
	PeerIdentity serverOf(HANDLE pipe, String path) {
		IntByReference processId = new IntByReference();
		if (!this.win32.GetNamedPipeServerProcessId(pipe, processId)) {
			int error = this.win32.lastError();
			logger.log(Level.DEBUG, () -> "GetNamedPipeServerProcessId(" + path + ") failed: " + Win32Errors.describe(error));
			return PeerIdentity.UNKNOWN;
		}
		return identityOf(processId.getValue(), path);
	}

	/**
	 * Return the string form of a SID, e.g. {@code S-1-5-21-…-1001}.
	 * @param sid the SID
	 * @param path the endpoint that needs it, for error messages
	 * @return the string
	 * @throws IpcException if Win32 refuses
	 */
	String sidString(Pointer sid, String path) throws IpcException {
		PointerByReference text = new PointerByReference();
		if (!this.win32.ConvertSidToStringSidW(sid, text)) {
			throw Win32Errors.failure("ConvertSidToStringSid", path, this.win32.lastError());
		}
		try {
			return text.getValue().getWideString(0);
		}
		finally {
			this.win32.LocalFree(text.getValue());
		}
	}

	private PeerIdentity identityOf(int processId, String path) {
		return new PeerIdentity(Integer.toUnsignedLong(processId), userOfProcess(processId, path));
	}

	/**
	 * Return the account a process runs as, or {@code null} when this process may not
	 * read its token (another user's or an elevated process).
	 */
	private @Nullable String userOfProcess(int processId, String path) {
		HANDLE process = this.win32.OpenProcess(WinNT.PROCESS_QUERY_LIMITED_INFORMATION, false, processId);
		if (process == null || !Win32Handles.isValid(process)) {
			int error = this.win32.lastError();
			logger.log(Level.DEBUG, () -> "OpenProcess(" + Integer.toUnsignedString(processId) + ") for " + path + " failed: "
					+ Win32Errors.describe(error));
			return null;
		}
		try {
			Memory tokenUser = tokenInformation(process, WinNT.TOKEN_INFORMATION_CLASS.TokenUser, path);
			Pointer sid = CurrentUser.sidOf(tokenUser);
			CurrentUser me = currentUser(path);
			// Peers are almost always this user: skip the account lookup for them.
			return this.win32.EqualSid(sid, me.sid()) ? me.accountName() : accountName(sid, path);
		}
		catch (IpcException ex) {
			logger.log(Level.DEBUG, () -> "Cannot tell the user of process " + Integer.toUnsignedString(processId)
					+ " on " + path, ex);
			return null;
		}
		finally {
			Win32Handles.close(this.win32, process, path);
		}
	}

	/**
	 * Read a block of a process token's information: for {@code TokenUser} a
	 * {@code SID_AND_ATTRIBUTES}, for {@code TokenOwner} a {@code TOKEN_OWNER}; either
	 * starts with a SID pointer that points into the same block.
	 */
	private Memory tokenInformation(HANDLE process, int informationClass, String path) throws IpcException {
		HANDLEByReference token = new HANDLEByReference();
		if (!this.win32.OpenProcessToken(process, WinNT.TOKEN_QUERY, token)) {
			throw Win32Errors.failure("OpenProcessToken", path, this.win32.lastError());
		}
		try {
			IntByReference length = new IntByReference();
			if (!this.win32.GetTokenInformation(token.getValue(), informationClass, null, 0, length)) {
				int error = this.win32.lastError();
				if (error != WinError.ERROR_INSUFFICIENT_BUFFER || length.getValue() <= 0) {
					throw Win32Errors.failure("GetTokenInformation", path, error);
				}
			}
			Memory information = new Memory(length.getValue());
			if (!this.win32.GetTokenInformation(token.getValue(), informationClass, information,
					(int) information.size(), length)) {
				throw Win32Errors.failure("GetTokenInformation", path, this.win32.lastError());
			}
			return information;
		}
		finally {
			Win32Handles.close(this.win32, token.getValue(), path);
		}
	}

	/**
	 * Return {@code DOMAIN\name} for a SID, or its string form when no account maps to it.
	 */
	private String accountName(Pointer sid, String path) throws IpcException {
		IntByReference nameLength = new IntByReference();
		IntByReference domainLength = new IntByReference();
		IntByReference use = new IntByReference();
		// The first call only sizes the buffers; it fails with ERROR_INSUFFICIENT_BUFFER.
		this.win32.LookupAccountSidW(null, sid, null, nameLength, null, domainLength, use);
		if (nameLength.getValue() > 0) {
			char[] name = new char[nameLength.getValue()];
			char[] domain = new char[Math.max(domainLength.getValue(), 1)];
			domainLength.setValue(domain.length);
			if (this.win32.LookupAccountSidW(null, sid, name, nameLength, domain, domainLength, use)) {
				// On success the lengths no longer count the terminating NUL.
				String account = new String(name, 0, nameLength.getValue());
				return (domainLength.getValue() > 0) ? new String(domain, 0, domainLength.getValue()) + '\\' + account
						: account;
			}
		}
		int error = this.win32.lastError();
		logger.log(Level.DEBUG, () -> "LookupAccountSid(" + path + ") found no account: " + Win32Errors.describe(error));
		return sidString(sid, path);
	}

	/**
	 * The user this process runs as.
	 * @param tokenUser the {@code TOKEN_USER} block, kept alive because {@link #sid()}
	 * points into it
	 * @param tokenOwner the {@code TOKEN_OWNER} block, kept alive because
	 * {@link #defaultOwner()} points into it
	 * @param sidString the SID's string form
	 * @param accountName {@code DOMAIN\name}, or the SID string when no account maps to it
	 */
	record CurrentUser(Memory tokenUser, Memory tokenOwner, String sidString, String accountName) {

		/**
		 * Return the SID, an opaque pointer for {@code EqualSid}.
		 * @return the SID
		 */
		Pointer sid() {
			return sidOf(this.tokenUser);
		}

		/**
		 * Return the owner the objects this user's processes create get by default: the
		 * user, or for an elevated administrator the Administrators group.
		 * @return the SID, an opaque pointer for {@code EqualSid}
		 */
		Pointer defaultOwner() {
			return sidOf(this.tokenOwner);
		}

		static Pointer sidOf(Memory tokenUser) {
			// TOKEN_USER.User.Sid is the block's first field.
			return tokenUser.getPointer(0);
		}

	}

}
