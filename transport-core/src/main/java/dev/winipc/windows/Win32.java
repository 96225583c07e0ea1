package dev.winipc.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * The kernel32 and advapi32 functions winipc calls, and nothing else: every Win32 call of
 * the Windows backend goes through one instance of this interface, handed to each class
 * by its constructor.
 * <p>
 * Names and parameter order are the C API's. Buffers and {@code OVERLAPPED} blocks are
 * {@link Pointer}s to native memory the caller keeps alive until the operation completed
 * (JNA {@code Memory}): a {@code byte[]} or a {@code Structure} would be copied back and
 * released when the call returns, while an overlapped operation still writes to it.
 * Security descriptors and SIDs that Win32 returns are opaque {@link Pointer}s, inspected
 * only through the functions here and released with {@link #LocalFree}.
 * <p>
 * This is a plain interface so that a test double (for example a relay to a Wine process)
 * can implement it; {@link JnaWin32#load()} binds it to the real DLLs. Flags that
 * jna-platform already names ({@code WinBase}, {@code WinNT}, {@code WinError}) are used
 * from there; the constants below are the ones it lacks.
 *
 * @since 0.1.0
 */
public interface Win32 {

	/** {@code CreateNamedPipe} open mode: fail unless this creates the pipe's first instance. */
	int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;

	/** {@code CreateFile} flag: the flags carry a security quality of service. */
	int SECURITY_SQOS_PRESENT = 0x00100000;

	/** {@code CreateFile} flag: the server may identify, but not impersonate, the client. */
	int SECURITY_IDENTIFICATION = WinNT.SECURITY_IMPERSONATION_LEVEL.SecurityIdentification << 16;

	/** The only SDDL revision there is. */
	int SDDL_REVISION_1 = 1;

	// kernel32

	HANDLE CreateNamedPipeW(String lpName, int dwOpenMode, int dwPipeMode, int nMaxInstances, int nOutBufferSize,
			int nInBufferSize, int nDefaultTimeOut, @Nullable SECURITY_ATTRIBUTES lpSecurityAttributes);

	boolean ConnectNamedPipe(HANDLE hNamedPipe, Pointer lpOverlapped);

	HANDLE CreateFileW(String lpFileName, int dwDesiredAccess, int dwShareMode,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes, int dwCreationDisposition, int dwFlagsAndAttributes,
			@Nullable HANDLE hTemplateFile);

	boolean WaitNamedPipeW(String lpNamedPipeName, int nTimeOut);

	boolean SetNamedPipeHandleState(HANDLE hNamedPipe, @Nullable IntByReference lpMode,
			@Nullable IntByReference lpMaxCollectionCount, @Nullable IntByReference lpCollectDataTimeout);

	boolean GetNamedPipeClientProcessId(HANDLE Pipe, IntByReference ClientProcessId);

	boolean GetNamedPipeServerProcessId(HANDLE Pipe, IntByReference ServerProcessId);

	boolean ReadFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToRead,
			@Nullable IntByReference lpNumberOfBytesRead, Pointer lpOverlapped);

	boolean WriteFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToWrite,
			@Nullable IntByReference lpNumberOfBytesWritten, Pointer lpOverlapped);

	boolean GetOverlappedResult(HANDLE hFile, Pointer lpOverlapped, IntByReference lpNumberOfBytesTransferred,
			boolean bWait);

	boolean CancelIoEx(HANDLE hFile, @Nullable Pointer lpOverlapped);

	@Nullable HANDLE CreateEventW(@Nullable SECURITY_ATTRIBUTES lpEventAttributes, boolean bManualReset,
			boolean bInitialState, @Nullable String lpName);

	boolean SetEvent(HANDLE hEvent);

	int WaitForMultipleObjects(int nCount, HANDLE[] lpHandles, boolean bWaitAll, int dwMilliseconds);

	boolean CloseHandle(HANDLE hObject);

	HANDLE GetCurrentProcess();

	@Nullable HANDLE OpenProcess(int dwDesiredAccess, boolean bInheritHandle, int dwProcessId);

	@Nullable Pointer LocalFree(@Nullable Pointer hMem);

	// advapi32

	boolean OpenProcessToken(HANDLE ProcessHandle, int DesiredAccess, HANDLEByReference TokenHandle);

	boolean GetTokenInformation(HANDLE TokenHandle, int TokenInformationClass, @Nullable Pointer TokenInformation,
			int TokenInformationLength, IntByReference ReturnLength);

	boolean EqualSid(Pointer pSid1, Pointer pSid2);

	boolean ConvertSidToStringSidW(Pointer Sid, PointerByReference StringSid);

	boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(String StringSecurityDescriptor,
			int StringSDRevision, PointerByReference SecurityDescriptor,
			@Nullable IntByReference SecurityDescriptorSize);

	/**
	 * {@code GetSecurityInfo}: unlike the others it returns its error code instead of
	 * setting the thread's last error.
	 */
	int GetSecurityInfo(HANDLE handle, int ObjectType, int SecurityInfo, @Nullable PointerByReference ppsidOwner,
			@Nullable PointerByReference ppsidGroup, @Nullable PointerByReference ppDacl,
			@Nullable PointerByReference ppSacl, PointerByReference ppSecurityDescriptor);

	boolean LookupAccountSidW(@Nullable String lpSystemName, Pointer Sid, char @Nullable [] Name,
			IntByReference cchName, char @Nullable [] ReferencedDomainName, IntByReference cchReferencedDomainName,
			IntByReference peUse);

	boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(Pointer SecurityDescriptor, int RequestedStringSDRevision,
			int SecurityInformation, PointerByReference StringSecurityDescriptor,
			@Nullable IntByReference StringSecurityDescriptorLen);

	// kernel32: file mappings (named shared memory)

	@Nullable HANDLE CreateFileMappingW(HANDLE hFile, @Nullable SECURITY_ATTRIBUTES lpFileMappingAttributes,
			int flProtect, int dwMaximumSizeHigh, int dwMaximumSizeLow, String lpName);

	@Nullable HANDLE OpenFileMappingW(int dwDesiredAccess, boolean bInheritHandle, String lpName);

	@Nullable Pointer MapViewOfFile(HANDLE hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh,
			int dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap);

	boolean UnmapViewOfFile(Pointer lpBaseAddress);

	// mailslots

	/** {@code CreateMailslot} read timeout: a read waits until a message arrives. */
	int MAILSLOT_WAIT_FOREVER = -1;

	/** {@code GetMailslotInfo} next size when no message is waiting. */
	int MAILSLOT_NO_MESSAGE = -1;

	HANDLE CreateMailslotW(String lpName, int nMaxMessageSize, int lReadTimeout,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes);

	boolean GetMailslotInfo(HANDLE hMailslot, @Nullable IntByReference lpMaxMessageSize,
			@Nullable IntByReference lpNextSize, @Nullable IntByReference lpMessageCount,
			@Nullable IntByReference lpReadTimeout);

	// kernel32: named synchronization objects (mutexes, semaphores, events)

	/** {@code OpenSemaphore} access: release counts; jna-platform lacks it. */
	int SEMAPHORE_MODIFY_STATE = 0x0002;

	@Nullable HANDLE CreateMutexW(@Nullable SECURITY_ATTRIBUTES lpMutexAttributes, boolean bInitialOwner, String lpName);

	@Nullable HANDLE OpenMutexW(int dwDesiredAccess, boolean bInheritHandle, String lpName);

	boolean ReleaseMutex(HANDLE hMutex);

	@Nullable HANDLE CreateSemaphoreW(@Nullable SECURITY_ATTRIBUTES lpSemaphoreAttributes, int lInitialCount,
			int lMaximumCount, String lpName);

	@Nullable HANDLE OpenSemaphoreW(int dwDesiredAccess, boolean bInheritHandle, String lpName);

	boolean ReleaseSemaphore(HANDLE hSemaphore, int lReleaseCount, @Nullable IntByReference lpPreviousCount);

	@Nullable HANDLE OpenEventW(int dwDesiredAccess, boolean bInheritHandle, String lpName);

	boolean ResetEvent(HANDLE hEvent);

	boolean PulseEvent(HANDLE hEvent);

	// not a Win32 function

	/**
	 * Return the calling thread's last-error value as the previous call on this interface
	 * left it. The JNA binding answers from {@code Native.getLastError()}, which JNA saves
	 * right after each native call; calling {@code GetLastError()} separately would read a
	 * value the JVM may have overwritten meanwhile.
	 * @return the Win32 error code
	 */
	int lastError();

}
