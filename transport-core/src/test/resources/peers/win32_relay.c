/*
 * win32_relay: performs the Win32 calls of winipc's dev.winipc.windows.Win32 interface on
 * request, so the Windows backend's Java code can run on Linux against Wine's Win32.
 *
 * Protocol on stdin/stdout, binary, little-endian:
 *   request  = u32 length, u64 thread, u32 op, arguments...
 *   response = u32 length, u64 thread, u32 last error, results...
 * "length" counts the bytes after itself. Each calling Java thread has its own Win32
 * thread here, so a blocking wait blocks only its caller and GetLastError() is that
 * thread's own. A string is u32 count + UTF-16LE units (count 0xFFFFFFFF = NULL), bytes
 * are u32 count + the bytes, handles and pointers are u64.
 *
 * The relay owns the OVERLAPPED blocks and data buffers of overlapped I/O, keyed by the
 * address of the caller's OVERLAPPED; the caller copies read data into its own buffer
 * when the relay reports the read complete. Pointers the relay returns (security
 * descriptors, SIDs) are addresses in this process: opaque to the caller, which only
 * hands them back.
 *
 * Stdin at end of file ends the relay.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <sddl.h>
#include <aclapi.h>
#include <fcntl.h>
#include <io.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Operation numbers, as RelayChannel.Op numbers them: pipes and the common calls from 1,
 * mailslots from 100, shared memory from 200, named synchronization objects from 300. */
enum {
	OP_CreateNamedPipeW = 1, OP_ConnectNamedPipe = 2, OP_CreateFileW = 3, OP_WaitNamedPipeW = 4,
	OP_SetNamedPipeHandleState = 5, OP_GetNamedPipeClientProcessId = 6, OP_GetNamedPipeServerProcessId = 7,
	OP_ReadFile = 8, OP_WriteFile = 9, OP_GetOverlappedResult = 10, OP_CancelIoEx = 11, OP_CreateEventW = 12,
	OP_SetEvent = 13, OP_WaitForMultipleObjects = 14, OP_CloseHandle = 15, OP_OpenProcess = 16, OP_LocalFree = 17,
	OP_OpenProcessToken = 18, OP_GetTokenInformation = 19, OP_EqualSid = 20, OP_ConvertSidToStringSidW = 21,
	OP_ConvertStringSecurityDescriptorToSecurityDescriptorW = 22, OP_GetSecurityInfo = 23,
	OP_LookupAccountSidW = 24, OP_GetCurrentProcessId = 25,
	OP_ConvertSecurityDescriptorToStringSecurityDescriptorW = 26,
	/* mailslots */
	OP_CreateMailslotW = 100, OP_GetMailslotInfo = 101,
	/* shared memory */
	OP_CreateFileMappingW = 200, OP_OpenFileMappingW = 201, OP_MapViewOfFile = 202, OP_UnmapViewOfFile = 203,
	/* named synchronization objects */
	OP_CreateMutexW = 300, OP_OpenMutexW = 301, OP_ReleaseMutex = 302, OP_CreateSemaphoreW = 303,
	OP_OpenSemaphoreW = 304, OP_ReleaseSemaphore = 305, OP_OpenEventW = 306, OP_ResetEvent = 307, OP_PulseEvent = 308
};

#define NULL_STRING 0xFFFFFFFFu
#define MAX_WORKERS 1024
#define SLOT_BUCKETS 1024

/* ---- byte streams ---- */

typedef struct {
	const unsigned char *p;
	const unsigned char *end;
} reader_t;

typedef struct {
	unsigned char *data;
	size_t len;
	size_t cap;
} writer_t;

static void die(const char *what) {
	fprintf(stderr, "win32_relay: %s (error %lu)\n", what, (unsigned long) GetLastError());
	ExitProcess(70);
}

static uint32_t get_u32(reader_t *r) {
	if (r->end - r->p < 4) die("request too short");
	uint32_t v;
	memcpy(&v, r->p, 4);
	r->p += 4;
	return v;
}

static uint64_t get_u64(reader_t *r) {
	if (r->end - r->p < 8) die("request too short");
	uint64_t v;
	memcpy(&v, r->p, 8);
	r->p += 8;
	return v;
}

static HANDLE get_handle(reader_t *r) {
	return (HANDLE) (uintptr_t) get_u64(r);
}

/* a NUL-terminated copy, or NULL; the caller frees it */
static WCHAR *get_wstr(reader_t *r) {
	uint32_t count = get_u32(r);
	if (count == NULL_STRING) return NULL;
	if ((size_t) (r->end - r->p) < (size_t) count * 2) die("string too long");
	WCHAR *s = malloc(((size_t) count + 1) * sizeof(WCHAR));
	memcpy(s, r->p, (size_t) count * 2);
	s[count] = 0;
	r->p += (size_t) count * 2;
	return s;
}

static const unsigned char *get_bytes(reader_t *r, uint32_t *count) {
	*count = get_u32(r);
	if ((size_t) (r->end - r->p) < *count) die("bytes too long");
	const unsigned char *p = r->p;
	r->p += *count;
	return p;
}

static void put(writer_t *w, const void *data, size_t len) {
	if (w->len + len > w->cap) {
		w->cap = (w->len + len) * 2 + 64;
		w->data = realloc(w->data, w->cap);
	}
	memcpy(w->data + w->len, data, len);
	w->len += len;
}

static void put_u32(writer_t *w, uint32_t v) { put(w, &v, 4); }
static void put_u64(writer_t *w, uint64_t v) { put(w, &v, 8); }
static void put_ptr(writer_t *w, const void *p) { put_u64(w, (uint64_t) (uintptr_t) p); }

static void put_wstr(writer_t *w, const WCHAR *s, size_t count) {
	if (s == NULL) {
		put_u32(w, NULL_STRING);
		return;
	}
	put_u32(w, (uint32_t) count);
	put(w, s, count * 2);
}

static void put_bytes(writer_t *w, const void *data, uint32_t count) {
	put_u32(w, count);
	put(w, data, count);
}

/* ---- overlapped slots, keyed by the caller's OVERLAPPED address ---- */

typedef struct slot {
	uint64_t key;
	OVERLAPPED overlapped;
	unsigned char *buffer;
	DWORD capacity;
	BOOL reading;
	struct slot *next;
} slot_t;

static slot_t *slots[SLOT_BUCKETS];
static CRITICAL_SECTION slots_lock;

static slot_t *slot_for(uint64_t key) {
	if (key == 0) return NULL;
	size_t bucket = (size_t) ((key >> 4) % SLOT_BUCKETS);
	EnterCriticalSection(&slots_lock);
	slot_t *slot = slots[bucket];
	while (slot != NULL && slot->key != key) slot = slot->next;
	if (slot == NULL) {
		slot = calloc(1, sizeof *slot);
		slot->key = key;
		slot->next = slots[bucket];
		slots[bucket] = slot;
	}
	LeaveCriticalSection(&slots_lock);
	return slot;
}

static void slot_prepare(slot_t *slot, HANDLE event, DWORD size, BOOL reading) {
	if (size > slot->capacity) {
		free(slot->buffer);
		slot->buffer = malloc(size);
		slot->capacity = size;
	}
	memset(&slot->overlapped, 0, sizeof slot->overlapped);
	slot->overlapped.hEvent = event;
	slot->reading = reading;
}

/* ---- output ---- */

static CRITICAL_SECTION output_lock;

static void respond(uint64_t thread, DWORD error, writer_t *results) {
	uint32_t length = (uint32_t) (8 + 4 + results->len);
	EnterCriticalSection(&output_lock);
	fwrite(&length, 4, 1, stdout);
	fwrite(&thread, 8, 1, stdout);
	fwrite(&error, 4, 1, stdout);
	if (results->len > 0) fwrite(results->data, 1, results->len, stdout);
	fflush(stdout);
	LeaveCriticalSection(&output_lock);
}

/* ---- the calls ---- */

static SECURITY_ATTRIBUTES *get_security_attributes(reader_t *r, SECURITY_ATTRIBUTES *attributes) {
	uint32_t present = get_u32(r);
	uint64_t descriptor = get_u64(r);
	uint32_t inherit = get_u32(r);
	if (!present) return NULL;
	attributes->nLength = sizeof *attributes;
	attributes->lpSecurityDescriptor = (void *) (uintptr_t) descriptor;
	attributes->bInheritHandle = inherit ? TRUE : FALSE;
	return attributes;
}

/* bytes a completed read delivered: the count, and the data when it is a read */
static void put_completed(writer_t *w, slot_t *slot, BOOL done, DWORD error, DWORD count) {
	put_u32(w, count);
	if (slot != NULL && slot->reading && (done || error == ERROR_MORE_DATA)) {
		put_bytes(w, slot->buffer, count);
	}
	else {
		put_u32(w, 0);
	}
}

static DWORD perform(uint32_t op, reader_t *r, writer_t *w) {
	DWORD error = 0;
	switch (op) {
	case OP_CreateNamedPipeW: {
		WCHAR *name = get_wstr(r);
		DWORD open = get_u32(r), mode = get_u32(r), instances = get_u32(r), out = get_u32(r), in = get_u32(r);
		DWORD timeout = get_u32(r);
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		HANDLE h = CreateNamedPipeW(name, open, mode, instances, out, in, timeout, sa);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_ConnectNamedPipe: {
		HANDLE h = get_handle(r);
		slot_t *slot = slot_for(get_u64(r));
		HANDLE event = get_handle(r);
		slot_prepare(slot, event, 0, FALSE);
		BOOL ok = ConnectNamedPipe(h, &slot->overlapped);
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	case OP_CreateFileW: {
		WCHAR *name = get_wstr(r);
		DWORD access = get_u32(r), share = get_u32(r);
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		DWORD disposition = get_u32(r), flags = get_u32(r);
		HANDLE template = get_handle(r);
		HANDLE h = CreateFileW(name, access, share, sa, disposition, flags, template);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_WaitNamedPipeW: {
		WCHAR *name = get_wstr(r);
		DWORD timeout = get_u32(r);
		BOOL ok = WaitNamedPipeW(name, timeout);
		error = GetLastError();
		put_u32(w, ok);
		free(name);
		break;
	}
	case OP_SetNamedPipeHandleState: {
		HANDLE h = get_handle(r);
		DWORD has_mode = get_u32(r), mode = get_u32(r);
		DWORD has_max = get_u32(r), max = get_u32(r);
		DWORD has_timeout = get_u32(r), timeout = get_u32(r);
		BOOL ok = SetNamedPipeHandleState(h, has_mode ? &mode : NULL, has_max ? &max : NULL,
				has_timeout ? &timeout : NULL);
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	case OP_GetNamedPipeClientProcessId:
	case OP_GetNamedPipeServerProcessId: {
		HANDLE h = get_handle(r);
		ULONG pid = 0;
		BOOL ok = (op == OP_GetNamedPipeClientProcessId) ? GetNamedPipeClientProcessId(h, &pid)
				: GetNamedPipeServerProcessId(h, &pid);
		error = GetLastError();
		put_u32(w, ok);
		put_u32(w, pid);
		break;
	}
	case OP_ReadFile: {
		HANDLE h = get_handle(r);
		DWORD size = get_u32(r);
		slot_t *slot = slot_for(get_u64(r));
		HANDLE event = get_handle(r);
		slot_prepare(slot, event, size, TRUE);
		BOOL ok = ReadFile(h, slot->buffer, size, NULL, &slot->overlapped);
		error = GetLastError();
		put_u32(w, ok);
		put_completed(w, slot, ok, error, (ok || error == ERROR_MORE_DATA) ? (DWORD) slot->overlapped.InternalHigh : 0);
		break;
	}
	case OP_WriteFile: {
		HANDLE h = get_handle(r);
		uint32_t count;
		const unsigned char *data = get_bytes(r, &count);
		slot_t *slot = slot_for(get_u64(r));
		HANDLE event = get_handle(r);
		slot_prepare(slot, event, count, FALSE);
		memcpy(slot->buffer, data, count);
		BOOL ok = WriteFile(h, slot->buffer, count, NULL, &slot->overlapped);
		error = GetLastError();
		put_u32(w, ok);
		put_u32(w, ok ? (DWORD) slot->overlapped.InternalHigh : 0);
		break;
	}
	case OP_GetOverlappedResult: {
		HANDLE h = get_handle(r);
		slot_t *slot = slot_for(get_u64(r));
		BOOL wait = get_u32(r);
		DWORD count = 0;
		BOOL ok = GetOverlappedResult(h, &slot->overlapped, &count, wait);
		error = GetLastError();
		put_u32(w, ok);
		put_completed(w, slot, ok, ok ? 0 : error, count);
		break;
	}
	case OP_CancelIoEx: {
		HANDLE h = get_handle(r);
		uint64_t key = get_u64(r);
		BOOL ok = CancelIoEx(h, key != 0 ? &slot_for(key)->overlapped : NULL);
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	case OP_CreateEventW: {
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		BOOL manual = get_u32(r), initial = get_u32(r);
		WCHAR *name = get_wstr(r);
		HANDLE h = CreateEventW(sa, manual, initial, name);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_SetEvent: {
		BOOL ok = SetEvent(get_handle(r));
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	case OP_WaitForMultipleObjects: {
		DWORD count = get_u32(r);
		HANDLE handles[MAXIMUM_WAIT_OBJECTS];
		if (count > MAXIMUM_WAIT_OBJECTS) die("too many wait handles");
		for (DWORD i = 0; i < count; i++) handles[i] = get_handle(r);
		BOOL all = get_u32(r);
		DWORD millis = get_u32(r);
		DWORD result = WaitForMultipleObjects(count, handles, all, millis);
		error = GetLastError();
		put_u32(w, result);
		break;
	}
	case OP_CloseHandle: {
		BOOL ok = CloseHandle(get_handle(r));
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	case OP_OpenProcess: {
		DWORD access = get_u32(r), inherit = get_u32(r), pid = get_u32(r);
		HANDLE h = OpenProcess(access, inherit, pid);
		error = GetLastError();
		put_ptr(w, h);
		break;
	}
	case OP_LocalFree: {
		HLOCAL result = LocalFree((HLOCAL) (uintptr_t) get_u64(r));
		error = GetLastError();
		put_ptr(w, result);
		break;
	}
	case OP_OpenProcessToken: {
		HANDLE process = get_handle(r);
		DWORD access = get_u32(r);
		HANDLE token = NULL;
		BOOL ok = OpenProcessToken(process, access, &token);
		error = GetLastError();
		put_u32(w, ok);
		put_ptr(w, token);
		break;
	}
	case OP_GetTokenInformation: {
		HANDLE token = get_handle(r);
		DWORD class = get_u32(r), size = get_u32(r);
		/* never freed: the caller keeps pointers into it (a TOKEN_USER's SID) */
		void *buffer = (size > 0) ? malloc(size) : NULL;
		DWORD needed = 0;
		BOOL ok = GetTokenInformation(token, (TOKEN_INFORMATION_CLASS) class, buffer, size, &needed);
		error = GetLastError();
		put_u32(w, ok);
		put_u32(w, needed);
		put_bytes(w, buffer, ok ? size : 0);
		break;
	}
	case OP_EqualSid: {
		PSID a = (PSID) (uintptr_t) get_u64(r);
		PSID b = (PSID) (uintptr_t) get_u64(r);
		BOOL ok = EqualSid(a, b);
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	case OP_ConvertSidToStringSidW: {
		LPWSTR text = NULL;
		BOOL ok = ConvertSidToStringSidW((PSID) (uintptr_t) get_u64(r), &text);
		error = GetLastError();
		put_u32(w, ok);
		put_wstr(w, ok ? text : NULL, ok ? wcslen(text) : 0);
		if (ok) LocalFree(text);
		break;
	}
	case OP_ConvertStringSecurityDescriptorToSecurityDescriptorW: {
		WCHAR *sddl = get_wstr(r);
		DWORD revision = get_u32(r);
		PSECURITY_DESCRIPTOR descriptor = NULL;
		ULONG size = 0;
		BOOL ok = ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, revision, &descriptor, &size);
		error = GetLastError();
		put_u32(w, ok);
		put_ptr(w, descriptor);
		put_u32(w, size);
		free(sddl);
		break;
	}
	case OP_GetSecurityInfo: {
		HANDLE h = get_handle(r);
		DWORD type = get_u32(r), information = get_u32(r), wanted = get_u32(r);
		PSID owner = NULL, group = NULL;
		PACL dacl = NULL, sacl = NULL;
		PSECURITY_DESCRIPTOR descriptor = NULL;
		DWORD status = GetSecurityInfo(h, (SE_OBJECT_TYPE) type, information, (wanted & 1) ? &owner : NULL,
				(wanted & 2) ? &group : NULL, (wanted & 4) ? &dacl : NULL, (wanted & 8) ? &sacl : NULL,
				&descriptor);
		error = GetLastError();
		put_u32(w, status);
		put_ptr(w, owner);
		put_ptr(w, group);
		put_ptr(w, dacl);
		put_ptr(w, sacl);
		put_ptr(w, descriptor);
		break;
	}
	case OP_LookupAccountSidW: {
		PSID sid = (PSID) (uintptr_t) get_u64(r);
		DWORD name_capacity = get_u32(r), domain_capacity = get_u32(r);
		WCHAR *name = name_capacity ? calloc(name_capacity, sizeof(WCHAR)) : NULL;
		WCHAR *domain = domain_capacity ? calloc(domain_capacity, sizeof(WCHAR)) : NULL;
		DWORD name_length = name_capacity, domain_length = domain_capacity;
		SID_NAME_USE use = 0;
		BOOL ok = LookupAccountSidW(NULL, sid, name, &name_length, domain, &domain_length, &use);
		error = GetLastError();
		put_u32(w, ok);
		put_u32(w, name_length);
		put_u32(w, domain_length);
		put_u32(w, (uint32_t) use);
		put_wstr(w, ok ? name : NULL, ok ? wcslen(name) : 0);
		put_wstr(w, ok ? domain : NULL, ok ? wcslen(domain) : 0);
		free(name);
		free(domain);
		break;
	}
	case OP_GetCurrentProcessId:
		put_u32(w, GetCurrentProcessId());
		break;
	/* mailslots */
	case OP_CreateMailslotW: {
		WCHAR *name = get_wstr(r);
		DWORD max = get_u32(r), timeout = get_u32(r);
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		HANDLE h = CreateMailslotW(name, max, timeout, sa);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_ConvertSecurityDescriptorToStringSecurityDescriptorW: {
		PSECURITY_DESCRIPTOR descriptor = (PSECURITY_DESCRIPTOR) (uintptr_t) get_u64(r);
		DWORD revision = get_u32(r), information = get_u32(r);
		LPWSTR text = NULL;
		BOOL ok = ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor, revision, information, &text, NULL);
		error = GetLastError();
		put_u32(w, ok);
		put_wstr(w, ok ? text : NULL, ok ? wcslen(text) : 0);
		if (ok) LocalFree(text);
		break;
	}
	/* shared memory: the view's address is the relay's; the caller maps the same pages */
	case OP_CreateFileMappingW: {
		HANDLE file = get_handle(r);
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		DWORD protect = get_u32(r), high = get_u32(r), low = get_u32(r);
		WCHAR *name = get_wstr(r);
		HANDLE h = CreateFileMappingW(file, sa, protect, high, low, name);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_GetMailslotInfo: {
		HANDLE h = get_handle(r);
		DWORD max = 0, next = 0, count = 0, timeout = 0;
		BOOL ok = GetMailslotInfo(h, &max, &next, &count, &timeout);
		error = GetLastError();
		put_u32(w, ok);
		put_u32(w, max);
		put_u32(w, next);
		put_u32(w, count);
		put_u32(w, timeout);
		break;
	}
	case OP_OpenFileMappingW: {
		DWORD access = get_u32(r), inherit = get_u32(r);
		WCHAR *name = get_wstr(r);
		HANDLE h = OpenFileMappingW(access, inherit, name);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_MapViewOfFile: {
		HANDLE h = get_handle(r);
		DWORD access = get_u32(r), high = get_u32(r), low = get_u32(r);
		uint64_t size = get_u64(r);
		void *view = MapViewOfFile(h, access, high, low, (SIZE_T) size);
		error = GetLastError();
		put_ptr(w, view);
		break;
	}
	case OP_UnmapViewOfFile: {
		BOOL ok = UnmapViewOfFile((void *) (uintptr_t) get_u64(r));
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	/* named synchronization objects: every wait is WaitForMultipleObjects above */
	case OP_CreateMutexW: {
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		BOOL owned = get_u32(r);
		WCHAR *name = get_wstr(r);
		HANDLE h = CreateMutexW(sa, owned, name);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_CreateSemaphoreW: {
		SECURITY_ATTRIBUTES attributes;
		SECURITY_ATTRIBUTES *sa = get_security_attributes(r, &attributes);
		LONG initial = (LONG) get_u32(r), maximum = (LONG) get_u32(r);
		WCHAR *name = get_wstr(r);
		HANDLE h = CreateSemaphoreW(sa, initial, maximum, name);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_OpenMutexW:
	case OP_OpenSemaphoreW:
	case OP_OpenEventW: {
		DWORD access = get_u32(r), inherit = get_u32(r);
		WCHAR *name = get_wstr(r);
		HANDLE h = (op == OP_OpenMutexW) ? OpenMutexW(access, inherit, name)
				: (op == OP_OpenSemaphoreW) ? OpenSemaphoreW(access, inherit, name) : OpenEventW(access, inherit, name);
		error = GetLastError();
		put_ptr(w, h);
		free(name);
		break;
	}
	case OP_ReleaseSemaphore: {
		HANDLE h = get_handle(r);
		LONG count = (LONG) get_u32(r), previous = 0;
		BOOL ok = ReleaseSemaphore(h, count, &previous);
		error = GetLastError();
		put_u32(w, ok);
		put_u32(w, (uint32_t) previous);
		break;
	}
	case OP_ReleaseMutex:
	case OP_ResetEvent:
	case OP_PulseEvent: {
		HANDLE h = get_handle(r);
		BOOL ok = (op == OP_ReleaseMutex) ? ReleaseMutex(h) : (op == OP_ResetEvent) ? ResetEvent(h) : PulseEvent(h);
		error = GetLastError();
		put_u32(w, ok);
		break;
	}
	default:
		die("unknown operation");
	}
	return error;
}

/* ---- one Win32 thread per calling thread ---- */

typedef struct {
	uint64_t thread;
	HANDLE ready;
	unsigned char *request;
	uint32_t length;
} worker_t;

static worker_t workers[MAX_WORKERS];
static int worker_count;

static DWORD WINAPI work(LPVOID argument) {
	worker_t *worker = argument;
	writer_t results = { 0 };
	for (;;) {
		WaitForSingleObject(worker->ready, INFINITE);
		reader_t r = { worker->request, worker->request + worker->length };
		uint32_t op = get_u32(&r);
		results.len = 0;
		SetLastError(0);
		DWORD error = perform(op, &r, &results);
		free(worker->request);
		worker->request = NULL;
		respond(worker->thread, error, &results);
	}
	return 0;
}

static worker_t *worker_for(uint64_t thread) {
	for (int i = 0; i < worker_count; i++) {
		if (workers[i].thread == thread) return &workers[i];
	}
	if (worker_count == MAX_WORKERS) die("too many calling threads");
	worker_t *worker = &workers[worker_count++];
	worker->thread = thread;
	worker->ready = CreateEventW(NULL, FALSE, FALSE, NULL);
	if (worker->ready == NULL || CreateThread(NULL, 0, work, worker, 0, NULL) == NULL) die("cannot start a worker");
	return worker;
}

static int read_fully(void *buffer, size_t length) {
	return length == 0 || fread(buffer, 1, length, stdin) == length;
}

int main(void) {
	_setmode(_fileno(stdin), _O_BINARY);
	_setmode(_fileno(stdout), _O_BINARY);
	InitializeCriticalSection(&slots_lock);
	InitializeCriticalSection(&output_lock);
	for (;;) {
		uint32_t length;
		uint64_t thread;
		if (!read_fully(&length, 4)) break;
		if (length < 12 || !read_fully(&thread, 8)) die("truncated request");
		unsigned char *request = malloc(length - 8);
		if (!read_fully(request, length - 8)) die("truncated request");
		worker_t *worker = worker_for(thread);
		worker->request = request;
		worker->length = length - 8;
		SetEvent(worker->ready);
	}
	return 0;
}
