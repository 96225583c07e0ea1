package dev.winipc.windows;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Win32} that performs every call in a relay process running under Wine
 * ({@code peers/win32_relay.c}), so the unchanged Windows backend runs on Linux against
 * Wine's Win32. Each calling thread gets its own Win32 thread in the relay; its last
 * error is kept per calling thread. The relay owns the {@code OVERLAPPED} blocks and I/O
 * buffers: read data is copied into the caller's buffer when the relay reports the read
 * complete. A file-mapping view is mapped in the relay and, through Linux's
 * {@code /proc/PID/map_files}, into this JVM as well ({@link RelayViews}). Handles, security descriptors and SIDs are the relay's values, opaque here.
 * <p>
 * It also counts the handles the backend holds, so tests can check none leaks.
 */
final class RelayWin32 implements Win32, AutoCloseable {

	private static final long CURRENT_PROCESS = -1;

	private final Map<Long, Pointer> pendingReads = new ConcurrentHashMap<>();

	private final Set<Long> openHandles = ConcurrentHashMap.newKeySet();

	private final Map<Long, Memory> localStrings = new ConcurrentHashMap<>();

	private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

	private final RelayChannel channel;

	private final RelayViews views;

	RelayWin32(OutputStream requests, InputStream responses, ProcessHandle relay) {
		this.channel = new RelayChannel(requests, responses);
		this.views = new RelayViews(relay);
	}

	/**
	 * Return the handles the backend holds open: created or opened through this binding
	 * and not yet closed.
	 * @return how many
	 */
	int openHandleCount() {
		return this.openHandles.size();
	}

	/**
	 * Return the relay's Windows process id: the process every handle lives in.
	 * @return the pid
	 */
	int relayProcessId() {
		return call(RelayChannel.Op.GetCurrentProcessId, new RelayChannel.Request()).getInt();
	}

	// kernel32

	@Override
	public HANDLE CreateNamedPipeW(String lpName, int dwOpenMode, int dwPipeMode, int nMaxInstances,
			int nOutBufferSize, int nInBufferSize, int nDefaultTimeOut,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes) {
		RelayChannel.Request request = new RelayChannel.Request().string(lpName)
			.u32(dwOpenMode)
			.u32(dwPipeMode)
			.u32(nMaxInstances)
			.u32(nOutBufferSize)
			.u32(nInBufferSize)
			.u32(nDefaultTimeOut)
			.attributes(lpSecurityAttributes);
		return opened(call(RelayChannel.Op.CreateNamedPipeW, request).getLong());
	}

	@Override
	public boolean ConnectNamedPipe(HANDLE hNamedPipe, Pointer lpOverlapped) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hNamedPipe).overlapped(lpOverlapped);
		return call(RelayChannel.Op.ConnectNamedPipe, request).getInt() != 0;
	}

	@Override
	public HANDLE CreateFileW(String lpFileName, int dwDesiredAccess, int dwShareMode,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes, int dwCreationDisposition, int dwFlagsAndAttributes,
			@Nullable HANDLE hTemplateFile) {
		RelayChannel.Request request = new RelayChannel.Request().string(lpFileName)
			.u32(dwDesiredAccess)
			.u32(dwShareMode)
			.attributes(lpSecurityAttributes)
			.u32(dwCreationDisposition)
			.u32(dwFlagsAndAttributes)
			.handle(hTemplateFile);
		return opened(call(RelayChannel.Op.CreateFileW, request).getLong());
	}

	@Override
	public boolean WaitNamedPipeW(String lpNamedPipeName, int nTimeOut) {
		return call(RelayChannel.Op.WaitNamedPipeW, new RelayChannel.Request().string(lpNamedPipeName).u32(nTimeOut)).getInt() != 0;
	}

	@Override
	public boolean SetNamedPipeHandleState(HANDLE hNamedPipe, @Nullable IntByReference lpMode,
			@Nullable IntByReference lpMaxCollectionCount, @Nullable IntByReference lpCollectDataTimeout) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hNamedPipe)
			.optional(lpMode)
			.optional(lpMaxCollectionCount)
			.optional(lpCollectDataTimeout);
		return call(RelayChannel.Op.SetNamedPipeHandleState, request).getInt() != 0;
	}

	@Override
	public boolean GetNamedPipeClientProcessId(HANDLE Pipe, IntByReference ClientProcessId) {
		return processId(RelayChannel.Op.GetNamedPipeClientProcessId, Pipe, ClientProcessId);
	}

	@Override
	public boolean GetNamedPipeServerProcessId(HANDLE Pipe, IntByReference ServerProcessId) {
		return processId(RelayChannel.Op.GetNamedPipeServerProcessId, Pipe, ServerProcessId);
	}

	private boolean processId(RelayChannel.Op op, HANDLE pipe, IntByReference processId) {
		ByteBuffer result = call(op, new RelayChannel.Request().handle(pipe));
		boolean ok = result.getInt() != 0;
		processId.setValue(result.getInt());
		return ok;
	}

	@Override
	public boolean ReadFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToRead,
			@Nullable IntByReference lpNumberOfBytesRead, Pointer lpOverlapped) {
		this.pendingReads.put(Pointer.nativeValue(lpOverlapped), lpBuffer);
		RelayChannel.Request request = new RelayChannel.Request().handle(hFile).u32(nNumberOfBytesToRead).overlapped(lpOverlapped);
		ByteBuffer result = call(RelayChannel.Op.ReadFile, request);
		boolean ok = result.getInt() != 0;
		int count = result.getInt();
		deliver(lpOverlapped, result);
		if (lpNumberOfBytesRead != null) {
			lpNumberOfBytesRead.setValue(count);
		}
		return ok;
	}

	@Override
	public boolean WriteFile(HANDLE hFile, Pointer lpBuffer, int nNumberOfBytesToWrite,
			@Nullable IntByReference lpNumberOfBytesWritten, Pointer lpOverlapped) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hFile)
			.bytes(lpBuffer.getByteArray(0, nNumberOfBytesToWrite))
			.overlapped(lpOverlapped);
		ByteBuffer result = call(RelayChannel.Op.WriteFile, request);
		boolean ok = result.getInt() != 0;
		int count = result.getInt();
		if (lpNumberOfBytesWritten != null) {
			lpNumberOfBytesWritten.setValue(count);
		}
		return ok;
	}

	@Override
	public boolean GetOverlappedResult(HANDLE hFile, Pointer lpOverlapped, IntByReference lpNumberOfBytesTransferred,
			boolean bWait) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hFile).u64(Pointer.nativeValue(lpOverlapped)).u32(bWait ? 1 : 0);
		ByteBuffer result = call(RelayChannel.Op.GetOverlappedResult, request);
		boolean ok = result.getInt() != 0;
		lpNumberOfBytesTransferred.setValue(result.getInt());
		deliver(lpOverlapped, result);
		return ok;
	}

	// Read data the relay reports complete goes into the buffer the read was started with.
	private void deliver(Pointer overlapped, ByteBuffer result) {
		int length = result.getInt();
		if (length > 0) {
			byte[] data = new byte[length];
			result.get(data);
			Pointer target = this.pendingReads.get(Pointer.nativeValue(overlapped));
			if (target == null) {
				throw new IllegalStateException("Read data for an OVERLAPPED with no read started");
			}
			target.write(0, data, 0, length);
		}
	}

	@Override
	public boolean CancelIoEx(HANDLE hFile, @Nullable Pointer lpOverlapped) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hFile).u64((lpOverlapped != null) ? Pointer.nativeValue(lpOverlapped) : 0);
		return call(RelayChannel.Op.CancelIoEx, request).getInt() != 0;
	}

	@Override
	public @Nullable HANDLE CreateEventW(@Nullable SECURITY_ATTRIBUTES lpEventAttributes, boolean bManualReset,
			boolean bInitialState, @Nullable String lpName) {
		RelayChannel.Request request = new RelayChannel.Request().attributes(lpEventAttributes)
			.u32(bManualReset ? 1 : 0)
			.u32(bInitialState ? 1 : 0)
			.string(lpName);
		return opened(call(RelayChannel.Op.CreateEventW, request).getLong());
	}

	@Override
	public boolean SetEvent(HANDLE hEvent) {
		return call(RelayChannel.Op.SetEvent, new RelayChannel.Request().handle(hEvent)).getInt() != 0;
	}

	@Override
	public int WaitForMultipleObjects(int nCount, HANDLE[] lpHandles, boolean bWaitAll, int dwMilliseconds) {
		RelayChannel.Request request = new RelayChannel.Request().u32(nCount);
		for (int i = 0; i < nCount; i++) {
			request.handle(lpHandles[i]);
		}
		request.u32(bWaitAll ? 1 : 0).u32(dwMilliseconds);
		return call(RelayChannel.Op.WaitForMultipleObjects, request).getInt();
	}

	@Override
	public boolean CloseHandle(HANDLE hObject) {
		boolean ok = call(RelayChannel.Op.CloseHandle, new RelayChannel.Request().handle(hObject)).getInt() != 0;
		if (ok) {
			this.openHandles.remove(Pointer.nativeValue(hObject.getPointer()));
		}
		return ok;
	}

	@Override
	public HANDLE GetCurrentProcess() {
		// The pseudo handle: in the relay it means the relay's own process.
		return handle(CURRENT_PROCESS);
	}

	@Override
	public @Nullable HANDLE OpenProcess(int dwDesiredAccess, boolean bInheritHandle, int dwProcessId) {
		RelayChannel.Request request = new RelayChannel.Request().u32(dwDesiredAccess).u32(bInheritHandle ? 1 : 0).u32(dwProcessId);
		return opened(call(RelayChannel.Op.OpenProcess, request).getLong());
	}

	@Override
	public @Nullable Pointer LocalFree(@Nullable Pointer hMem) {
		if (hMem == null) {
			return null;
		}
		Memory local = this.localStrings.remove(Pointer.nativeValue(hMem));
		if (local != null) {
			local.close();
			this.lastError.set(0);
			return null;
		}
		long result = call(RelayChannel.Op.LocalFree, new RelayChannel.Request().u64(Pointer.nativeValue(hMem))).getLong();
		return (result != 0) ? new Pointer(result) : null;
	}

	// advapi32

	@Override
	public boolean OpenProcessToken(HANDLE ProcessHandle, int DesiredAccess, HANDLEByReference TokenHandle) {
		ByteBuffer result = call(RelayChannel.Op.OpenProcessToken, new RelayChannel.Request().handle(ProcessHandle).u32(DesiredAccess));
		boolean ok = result.getInt() != 0;
		long token = result.getLong();
		if (ok) {
			TokenHandle.setValue(opened(token));
		}
		return ok;
	}

	@Override
	public boolean GetTokenInformation(HANDLE TokenHandle, int TokenInformationClass,
			@Nullable Pointer TokenInformation, int TokenInformationLength, IntByReference ReturnLength) {
		int length = (TokenInformation != null) ? TokenInformationLength : 0;
		ByteBuffer result = call(RelayChannel.Op.GetTokenInformation,
				new RelayChannel.Request().handle(TokenHandle).u32(TokenInformationClass).u32(length));
		boolean ok = result.getInt() != 0;
		ReturnLength.setValue(result.getInt());
		int count = result.getInt();
		if (count > 0 && TokenInformation != null) {
			// Copied as it is: pointers inside (a TOKEN_USER's SID) stay relay addresses.
			byte[] data = new byte[count];
			result.get(data);
			TokenInformation.write(0, data, 0, count);
		}
		return ok;
	}

	@Override
	public boolean EqualSid(Pointer pSid1, Pointer pSid2) {
		RelayChannel.Request request = new RelayChannel.Request().u64(Pointer.nativeValue(pSid1)).u64(Pointer.nativeValue(pSid2));
		return call(RelayChannel.Op.EqualSid, request).getInt() != 0;
	}

	@Override
	public boolean ConvertSidToStringSidW(Pointer Sid, PointerByReference StringSid) {
		ByteBuffer result = call(RelayChannel.Op.ConvertSidToStringSidW, new RelayChannel.Request().u64(Pointer.nativeValue(Sid)));
		boolean ok = result.getInt() != 0;
		String text = RelayChannel.string(result);
		if (ok && text != null) {
			StringSid.setValue(localString(text));
		}
		return ok;
	}

	/** A string the relay returned, where the caller reads it in place: in this process. */
	private Memory localString(String text) {
		Memory local = new Memory((text.length() + 1L) * Native.WCHAR_SIZE);
		local.setWideString(0, text);
		this.localStrings.put(Pointer.nativeValue(local), local);
		return local;
	}

	@Override
	public boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(String StringSecurityDescriptor,
			int StringSDRevision, PointerByReference SecurityDescriptor,
			@Nullable IntByReference SecurityDescriptorSize) {
		ByteBuffer result = call(RelayChannel.Op.ConvertStringSecurityDescriptorToSecurityDescriptorW,
				new RelayChannel.Request().string(StringSecurityDescriptor).u32(StringSDRevision));
		boolean ok = result.getInt() != 0;
		long descriptor = result.getLong();
		int size = result.getInt();
		if (ok) {
			SecurityDescriptor.setValue(new Pointer(descriptor));
			if (SecurityDescriptorSize != null) {
				SecurityDescriptorSize.setValue(size);
			}
		}
		return ok;
	}

	@Override
	public int GetSecurityInfo(HANDLE handle, int ObjectType, int SecurityInfo, @Nullable PointerByReference ppsidOwner,
			@Nullable PointerByReference ppsidGroup, @Nullable PointerByReference ppDacl,
			@Nullable PointerByReference ppSacl, PointerByReference ppSecurityDescriptor) {
		int wanted = ((ppsidOwner != null) ? 1 : 0) | ((ppsidGroup != null) ? 2 : 0) | ((ppDacl != null) ? 4 : 0)
				| ((ppSacl != null) ? 8 : 0);
		ByteBuffer result = call(RelayChannel.Op.GetSecurityInfo,
				new RelayChannel.Request().handle(handle).u32(ObjectType).u32(SecurityInfo).u32(wanted));
		int status = result.getInt();
		for (PointerByReference out : new PointerByReference[] { ppsidOwner, ppsidGroup, ppDacl, ppSacl,
				ppSecurityDescriptor }) {
			long value = result.getLong();
			if (out != null) {
				out.setValue((value != 0) ? new Pointer(value) : null);
			}
		}
		return status;
	}

	@Override
	public boolean LookupAccountSidW(@Nullable String lpSystemName, Pointer Sid, char @Nullable [] Name,
			IntByReference cchName, char @Nullable [] ReferencedDomainName, IntByReference cchReferencedDomainName,
			IntByReference peUse) {
		if (lpSystemName != null) {
			throw new UnsupportedOperationException("The relay looks up accounts on the local system only");
		}
		RelayChannel.Request request = new RelayChannel.Request().u64(Pointer.nativeValue(Sid))
			.u32((Name != null) ? cchName.getValue() : 0)
			.u32((ReferencedDomainName != null) ? cchReferencedDomainName.getValue() : 0);
		ByteBuffer result = call(RelayChannel.Op.LookupAccountSidW, request);
		boolean ok = result.getInt() != 0;
		cchName.setValue(result.getInt());
		cchReferencedDomainName.setValue(result.getInt());
		peUse.setValue(result.getInt());
		copy(RelayChannel.string(result), Name);
		copy(RelayChannel.string(result), ReferencedDomainName);
		return ok;
	}

	@Override
	public boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(Pointer SecurityDescriptor,
			int RequestedStringSDRevision, int SecurityInformation, PointerByReference StringSecurityDescriptor,
			@Nullable IntByReference StringSecurityDescriptorLen) {
		ByteBuffer result = call(RelayChannel.Op.ConvertSecurityDescriptorToStringSecurityDescriptorW,
				new RelayChannel.Request().u64(Pointer.nativeValue(SecurityDescriptor))
					.u32(RequestedStringSDRevision)
					.u32(SecurityInformation));
		boolean ok = result.getInt() != 0;
		String text = RelayChannel.string(result);
		if (ok && text != null) {
			StringSecurityDescriptor.setValue(localString(text));
			if (StringSecurityDescriptorLen != null) {
				StringSecurityDescriptorLen.setValue(text.length() + 1);
			}
		}
		return ok;
	}

	private static void copy(@Nullable String text, char @Nullable [] target) {
		if (text != null && target != null) {
			text.getChars(0, text.length(), target, 0);
			if (text.length() < target.length) {
				target[text.length()] = 0;
			}
		}
	}

	// mailslots

	@Override
	public HANDLE CreateMailslotW(String lpName, int nMaxMessageSize, int lReadTimeout,
			@Nullable SECURITY_ATTRIBUTES lpSecurityAttributes) {
		RelayChannel.Request request = new RelayChannel.Request().string(lpName)
			.u32(nMaxMessageSize)
			.u32(lReadTimeout)
			.attributes(lpSecurityAttributes);
		return opened(call(RelayChannel.Op.CreateMailslotW, request).getLong());
	}

	@Override
	public boolean GetMailslotInfo(HANDLE hMailslot, @Nullable IntByReference lpMaxMessageSize,
			@Nullable IntByReference lpNextSize, @Nullable IntByReference lpMessageCount,
			@Nullable IntByReference lpReadTimeout) {
		ByteBuffer result = call(RelayChannel.Op.GetMailslotInfo, new RelayChannel.Request().handle(hMailslot));
		boolean ok = result.getInt() != 0;
		for (IntByReference out : new IntByReference[] { lpMaxMessageSize, lpNextSize, lpMessageCount,
				lpReadTimeout }) {
			int value = result.getInt();
			if (out != null) {
				out.setValue(value);
			}
		}
		return ok;
	}

	// kernel32: file mappings

	@Override
	public @Nullable HANDLE CreateFileMappingW(HANDLE hFile, @Nullable SECURITY_ATTRIBUTES lpFileMappingAttributes,
			int flProtect, int dwMaximumSizeHigh, int dwMaximumSizeLow, String lpName) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hFile)
			.attributes(lpFileMappingAttributes)
			.u32(flProtect)
			.u32(dwMaximumSizeHigh)
			.u32(dwMaximumSizeLow)
			.string(lpName);
		return opened(call(RelayChannel.Op.CreateFileMappingW, request).getLong());
	}

	@Override
	public @Nullable HANDLE OpenFileMappingW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return openNamed(RelayChannel.Op.OpenFileMappingW, dwDesiredAccess, bInheritHandle, lpName);
	}

	/**
	 * Map a view in the relay, then the same pages into this JVM ({@link RelayViews}): the
	 * backend gets a pointer it can use, to memory every Wine process mapping the view
	 * shares.
	 */
	@Override
	public @Nullable Pointer MapViewOfFile(HANDLE hFileMappingObject, int dwDesiredAccess, int dwFileOffsetHigh,
			int dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap) {
		RelayChannel.Request request = new RelayChannel.Request().handle(hFileMappingObject)
			.u32(dwDesiredAccess)
			.u32(dwFileOffsetHigh)
			.u32(dwFileOffsetLow)
			.u64(dwNumberOfBytesToMap.longValue());
		long view = call(RelayChannel.Op.MapViewOfFile, request).getLong();
		if (view == 0) {
			return null;
		}
		return this.views.map(view, dwNumberOfBytesToMap.longValue());
	}

	@Override
	public boolean UnmapViewOfFile(Pointer lpBaseAddress) {
		long view = this.views.unmap(lpBaseAddress);
		return call(RelayChannel.Op.UnmapViewOfFile, new RelayChannel.Request().u64(view)).getInt() != 0;
	}

	// kernel32: named synchronization objects

	@Override
	public @Nullable HANDLE CreateMutexW(@Nullable SECURITY_ATTRIBUTES lpMutexAttributes, boolean bInitialOwner,
			String lpName) {
		RelayChannel.Request request = new RelayChannel.Request().attributes(lpMutexAttributes)
			.u32(bInitialOwner ? 1 : 0)
			.string(lpName);
		return opened(call(RelayChannel.Op.CreateMutexW, request).getLong());
	}

	@Override
	public @Nullable HANDLE OpenMutexW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return openNamed(RelayChannel.Op.OpenMutexW, dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public boolean ReleaseMutex(HANDLE hMutex) {
		return call(RelayChannel.Op.ReleaseMutex, new RelayChannel.Request().handle(hMutex)).getInt() != 0;
	}

	@Override
	public @Nullable HANDLE CreateSemaphoreW(@Nullable SECURITY_ATTRIBUTES lpSemaphoreAttributes, int lInitialCount,
			int lMaximumCount, String lpName) {
		RelayChannel.Request request = new RelayChannel.Request().attributes(lpSemaphoreAttributes)
			.u32(lInitialCount)
			.u32(lMaximumCount)
			.string(lpName);
		return opened(call(RelayChannel.Op.CreateSemaphoreW, request).getLong());
	}

	@Override
	public @Nullable HANDLE OpenSemaphoreW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return openNamed(RelayChannel.Op.OpenSemaphoreW, dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public boolean ReleaseSemaphore(HANDLE hSemaphore, int lReleaseCount, @Nullable IntByReference lpPreviousCount) {
		ByteBuffer result = call(RelayChannel.Op.ReleaseSemaphore,
				new RelayChannel.Request().handle(hSemaphore).u32(lReleaseCount));
		boolean ok = result.getInt() != 0;
		int previous = result.getInt();
		if (ok && lpPreviousCount != null) {
			lpPreviousCount.setValue(previous);
		}
		return ok;
	}

	@Override
	public @Nullable HANDLE OpenEventW(int dwDesiredAccess, boolean bInheritHandle, String lpName) {
		return openNamed(RelayChannel.Op.OpenEventW, dwDesiredAccess, bInheritHandle, lpName);
	}

	@Override
	public boolean ResetEvent(HANDLE hEvent) {
		return call(RelayChannel.Op.ResetEvent, new RelayChannel.Request().handle(hEvent)).getInt() != 0;
	}

	@Override
	public boolean PulseEvent(HANDLE hEvent) {
		return call(RelayChannel.Op.PulseEvent, new RelayChannel.Request().handle(hEvent)).getInt() != 0;
	}

	private @Nullable HANDLE openNamed(RelayChannel.Op op, int access, boolean inherit, String name) {
		RelayChannel.Request request = new RelayChannel.Request().u32(access).u32(inherit ? 1 : 0).string(name);
		return opened(call(op, request).getLong());
	}

	@Override
	public int lastError() {
		return this.lastError.get();
	}

	@Override
	public void close() {
		this.channel.close();
	}

	// the protocol

	private ByteBuffer call(RelayChannel.Op op, RelayChannel.Request request) {
		ByteBuffer response = this.channel.call(op, request);
		this.lastError.set(response.getInt());
		return response;
	}

	private @Nullable HANDLE opened(long value) {
		if (value == 0 || value == -1) {
			return (value == 0) ? null : handle(value);
		}
		this.openHandles.add(value);
		return handle(value);
	}

	private static HANDLE handle(long value) {
		return new HANDLE(new Pointer(value));
	}

}
