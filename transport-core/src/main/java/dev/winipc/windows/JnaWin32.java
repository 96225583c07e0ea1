package dev.winipc.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Win32} binding to the real kernel32 and advapi32 through JNA: one proxy
 * per DLL, each call routed to the DLL that exports it.
 * <p>
 * Nothing native is touched until {@link #load()} runs, so this class loads on any OS.
 * Strings are passed as UTF-16 (the {@code W} functions) whatever {@code w32.ascii} says.
 *
 * @since 0.1.0
 */
public final class JnaWin32 implements Win32 {

	private final Dll kernel32;

	private final Dll advapi32;

	private JnaWin32(Dll kernel32, Dll advapi32) {
		this.kernel32 = kernel32;
		this.advapi32 = advapi32;
	}

	/**
	 * Load kernel32 and advapi32. Call once per process and share the result.
	 * @return the binding
	 * @throws UnsatisfiedLinkError if the DLLs are not there, i.e. off Windows
	 */
	public static Win32 load() {
		return new JnaWin32(Native.load("kernel32", Dll.class, W32APIOptions.UNICODE_OPTIONS),
				Native.load("advapi32", Dll.class, W32APIOptions.UNICODE_OPTIONS));
	}

	@Override
	public HANDLE CreateNamedPipeW(String lpName, int dwOpenMode, int dwPipeMode, int nMaxInstances,
			int nOutBufferSize, int nInBufferSize, int nDefaultTimeOut,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes) {
		return this.kernel32.CreateNamedPipeW(lpName, dwOpenMode, dwPipeMode, nMaxInstances, nOutBufferSize,
				nInBufferSize, nDefaultTimeOut, lpSecurityAttributes);
	}

	@Override
	public boolean ConnectNamedPipe(HANDLE hNamedPipe, Pointer lpOverlapped) {
		return this.kernel32.ConnectNamedPipe(hNamedPipe, lpOverlapped);
	}

	@Override
	public HANDLE CreateFileW(String lpFileName, int dwDesiredAccess, int dwShareMode,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes, int dwCreationDisposition, int dwFlagsAndAttributes,
			@Nullable HANDLE hTemplateFile) {
		return this.kernel32.CreateFileW(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
				dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
	}

	@Override
	public boolean WaitNamedPipeW(String lpNamedPipeName, int nTimeOut) {
		return this.kernel32.WaitNamedPipeW(lpNamedPipeName, nTimeOut);
	}

	@Override
	public boolean SetNamedPipeHandleState(HANDLE hNamedPipe, @Nullable IntByReference lpMode,
			@Nullable IntByReference lpMaxCollectionCount, @Nullable IntByReference lpCollectDataTimeout) {
		return this.kernel32.SetNamedPipeHandleState(hNamedPipe, lpMode, lpMaxCollectionCount, lpCollectDataTimeout);
	}

	@Override
	public boolean GetNamedPipeClientProcessId(HANDLE Pipe, IntByReference ClientProcessId) {
		return this.kernel32.GetNamedPipeClientProcessId(Pipe, ClientProcessId);
	}

	@Override
	public boolean GetNamedPipeServerProcessId(HANDLE Pipe, IntByReference ServerProcessId) {
		return this.kernel32.GetNamedPipeServerProcessId(Pipe, ServerProcessId);
	}

	@Override
	public boolean ReadFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToRead,
			@Nullable IntByReference lpNumberOfBytesRead, Pointer lpOverlapped) {
		return this.kernel32.ReadFile(hFile, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead, lpOverlapped);
	}

	@Override
	public boolean WriteFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToWrite,
			@Nullable IntByReference lpNumberOfBytesWritten, Pointer lpOverlapped) {
		return this.kernel32.WriteFile(hFile, lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten, lpOverlapped);
	}

	@Override
	public boolean GetOverlappedResult(HANDLE hFile, Pointer lpOverlapped, IntByReference lpNumberOfBytesTransferred,
			boolean bWait) {
		return this.kernel32.GetOverlappedResult(hFile, lpOverlapped, lpNumberOfBytesTransferred, bWait);
	}

	@Override
	public boolean CancelIoEx(HANDLE hFile, @Nullable Pointer lpOverlapped) {
		return this.kernel32.CancelIoEx(hFile, lpOverlapped);
	}

	@Override
	public @Nullable HANDLE CreateEventW(@Nullable SECURITY_ATTRIBUTES lpEventAttributes, boolean bManualReset,
			boolean bInitialState, @Nullable String lpName) {
		return this.kernel32.CreateEventW(lpEventAttributes, bManualReset, bInitialState, lpName);
	}

	@Override
	public boolean SetEvent(HANDLE hEvent) {
		return this.kernel32.SetEvent(hEvent);
	}

	@Override
	public int WaitForMultipleObjects(int nCount, HANDLE[] lpHandles, boolean bWaitAll, int dwMilliseconds) {
		return this.kernel32.WaitForMultipleObjects(nCount, lpHandles, bWaitAll, dwMilliseconds);
	}

	@Override
	public boolean CloseHandle(HANDLE hObject) {
		return this.kernel32.CloseHandle(hObject);
	}

	@Override
	public HANDLE GetCurrentProcess() {
		return this.kernel32.GetCurrentProcess();
	}

	@Override
	public @Nullable HANDLE OpenProcess(int dwDesiredAccess, boolean bInheritHandle, int dwProcessId) {
		return this.kernel32.OpenProcess(dwDesiredAccess, bInheritHandle, dwProcessId);
	}

	@Override
	public @Nullable Pointer LocalFree(@Nullable Pointer hMem) {
		return this.kernel32.LocalFree(hMem);
	}

	@Override
	public boolean OpenProcessToken(HANDLE ProcessHandle, int DesiredAccess, HANDLEByReference TokenHandle) {
		return this.advapi32.OpenProcessToken(ProcessHandle, DesiredAccess, TokenHandle);
	}

	@Override
	public boolean GetTokenInformation(HANDLE TokenHandle, int TokenInformationClass,
			@Nullable Pointer TokenInformation, int TokenInformationLength, IntByReference ReturnLength) {
		return this.advapi32.GetTokenInformation(TokenHandle, TokenInformationClass, TokenInformation,
				TokenInformationLength, ReturnLength);
	}

	@Override
	public boolean EqualSid(Pointer pSid1, Pointer pSid2) {
		return this.advapi32.EqualSid(pSid1, pSid2);
	}

	@Override
	public boolean ConvertSidToStringSidW(Pointer Sid, PointerByReference StringSid) {
		return this.advapi32.ConvertSidToStringSidW(Sid, StringSid);
	}

	@Override
	public boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(String StringSecurityDescriptor,
			int StringSDRevision, PointerByReference SecurityDescriptor,
			@Nullable IntByReference SecurityDescriptorSize) {
		return this.advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(StringSecurityDescriptor,
				StringSDRevision, SecurityDescriptor, SecurityDescriptorSize);
	}

	@Override
	public int GetSecurityInfo(HANDLE handle, int ObjectType, int SecurityInfo,
			@Nullable PointerByReference ppsidOwner, @Nullable PointerByReference ppsidGroup,
			@Nullable PointerByReference ppDacl, @Nullable PointerByReference ppSacl,
			PointerByReference ppSecurityDescriptor) {
		return this.advapi32.GetSecurityInfo(handle, ObjectType, SecurityInfo, ppsidOwner, ppsidGroup, ppDacl,
				ppSacl, ppSecurityDescriptor);
	}

	@Override
	public boolean LookupAccountSidW(@Nullable String lpSystemName, Pointer Sid, char @Nullable [] Name,
			IntByReference cchName, char @Nullable [] ReferencedDomainName, IntByReference cchReferencedDomainName,
			IntByReference peUse) {
		return this.advapi32.LookupAccountSidW(lpSystemName, Sid, Name, cchName, ReferencedDomainName,
				cchReferencedDomainName, peUse);
	}

	@Override
	public boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(Pointer SecurityDescriptor,
			int RequestedStringSDRevision, int SecurityInformation, PointerByReference StringSecurityDescriptor,
			@Nullable IntByReference StringSecurityDescriptorLen) {
		return this.advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(SecurityDescriptor,
				RequestedStringSDRevision, SecurityInformation, StringSecurityDescriptor, StringSecurityDescriptorLen);
	}

	@Override
	public @Nullable HANDLE CreateFileMappingW(HANDLE hFile, @Nullable SECURITY_ATTRIBUTES lpFileMappingAttributes,
			int flProtect, int dwMaximumSizeHigh, int dwMaximumSizeLow, String lpName) {
		return this.kernel32.CreateFileMappingW(hFile, lpFileMappingAttributes, flProtect, dwMaximumSizeHigh,
				dwMaximumSizeLow, lpName);
	}

	@Override
	public @Nullable HANDLE OpenFileMappingW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return this.kernel32.OpenFileMappingW(dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public @Nullable Pointer MapViewOfFile(HANDLE hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh,
			int dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap) {
		return this.kernel32.MapViewOfFile(hFileMappingObject, dwDesiredAccess, dwFileOffsetHigh, dwFileOffsetLow,
				dwNumberOfBytesToMap);
	}

	@Override
	public boolean UnmapViewOfFile(Pointer lpBaseAddress) {
		return this.kernel32.UnmapViewOfFile(lpBaseAddress);
	}

	@Override
	public HANDLE CreateMailslotW(String lpName, int nMaxMessageSize, int lReadTimeout,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes) {
		return this.kernel32.CreateMailslotW(lpName, nMaxMessageSize, lReadTimeout, lpSecurityAttributes);
	}

	@Override
	public boolean GetMailslotInfo(HANDLE hMailslot, @Nullable IntByReference lpMaxMessageSize,
			@Nullable IntByReference lpNextSize, @Nullable IntByReference lpMessageCount,
			@Nullable IntByReference lpReadTimeout) {
		return this.kernel32.GetMailslotInfo(hMailslot, lpMaxMessageSize, lpNextSize, lpMessageCount, lpReadTimeout);
	}

	@Override
	public @Nullable HANDLE CreateMutexW(@Nullable SECURITY_ATTRIBUTES lpMutexAttributes, boolean bInitialOwner,
			String lpName) {
		return this.kernel32.CreateMutexW(lpMutexAttributes, bInitialOwner, lpName);
	}

	@Override
	public @Nullable HANDLE OpenMutexW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return this.kernel32.OpenMutexW(dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public boolean ReleaseMutex(HANDLE hMutex) {
		return this.kernel32.ReleaseMutex(hMutex);
	}

	@Override
	public @Nullable HANDLE CreateSemaphoreW(@Nullable SECURITY_ATTRIBUTES lpSemaphoreAttributes, int lInitialCount,
			int lMaximumCount, String lpName) {
		return this.kernel32.CreateSemaphoreW(lpSemaphoreAttributes, lInitialCount, lMaximumCount, lpName);
	}

	@Override
	public @Nullable HANDLE OpenSemaphoreW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return this.kernel32.OpenSemaphoreW(dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public boolean ReleaseSemaphore(HANDLE hSemaphore, int lReleaseCount, @Nullable IntByReference lpPreviousCount) {
		return this.kernel32.ReleaseSemaphore(hSemaphore, lReleaseCount, lpPreviousCount);
	}

	@Override
	public @Nullable HANDLE OpenEventW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return this.kernel32.OpenEventW(dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public boolean ResetEvent(HANDLE hEvent) {
		return this.kernel32.ResetEvent(hEvent);
	}

	@Override
	public boolean PulseEvent(HANDLE hEvent) {
		return this.kernel32.PulseEvent(hEvent);
	}

	@Override
	public int lastError() {
		return Native.getLastError();
	}

	/**
	 * The JNA proxy type: {@link Win32}'s functions bound to one DLL. Only the functions
	 * that DLL exports are ever called on it.
	 */
	interface Dll extends Win32, StdCallLibrary {

	}

}
