/*
 * A native Windows peer for winipc's pipe tests: speaks the "message" framing as
 * Windows programs do, over a message-mode named pipe \\.\pipe\NAME
 * (PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE: one WriteFile is one message; a read
 * that gets ERROR_MORE_DATA goes on reading the rest of the same message).
 * Built with mingw-w64 and run under Wine on Linux, or with MSVC (cl) / gcc on Windows.
 *
 * The modes, options and lines mirror pipe_peer.c (which takes a socket PATH where this
 * takes the pipe NAME; a NAME starting with \\ is used as the whole pipe path):
 *
 *   win_pipe_peer [-f FRAMING] [-i] MODE NAME ...
 *
 *   -f FRAMING                              message (default: a message-mode pipe) or a byte framing
 *                                           of peer_framing.h over a byte-mode pipe
 *   -i                                      first print "pid <pid>" and "user <user name>"
 *
 *   win_pipe_peer client NAME MSG...        send each MSG, print "reply: <reply>" for each
 *   win_pipe_peer client-pid NAME MSG...    print "pid <n>", then as client
 *   win_pipe_peer recv NAME N               connect, print "connected", then "got: <msg>" for N messages
 *   win_pipe_peer serve NAME [PREFIX]       print "ready" once the pipe exists, then serve clients
 *                                           (each on its own thread), replying PREFIX+msg; no PREFIX = echo
 *   win_pipe_peer push NAME N               serve one client: send "msg-0".."msg-N-1", wait until it
 *                                           read them, close, print "pushed N"
 *   win_pipe_peer ask NAME MSG...           serve one client: send each MSG as a request, print "reply: <reply>"
 *   win_pipe_peer answer NAME PREFIX N      connect, print "connected", answer N requests with PREFIX+request
 *   win_pipe_peer load NAME THREADS COUNT   THREADS connections x COUNT requests, check each reply,
 *                                           print "replies: <n> failures: <f>"
 *   win_pipe_peer send NAME MSG...          send each MSG (raw: one connection each), print "sent <n>"
 *   win_pipe_peer sink NAME N               serve clients one after another; print "got: <msg>" for N
 *                                           messages in all, then "done"
 *   win_pipe_peer bystander NAME COUNT MS   connect, print "connected", then COUNT requests "b-<i>" MS ms
 *                                           apart, each reply checked; print "bystander ok <COUNT>"
 *   win_pipe_peer bad NAME KIND MAX         bad input for a reader whose maximum is MAX: oversize,
 *                                           truncated, garbage or stall (as pipe_peer.c; a message-mode
 *                                           pipe has only oversize: one WriteFile cannot be cut short),
 *                                           then "closed by server" once the server closed the pipe
 *   win_pipe_peer probe NAME MSG            one attempt, no retry: print "refused <ERROR_...>", "eof" or
 *                                           "reply: <reply>"
 *
 * and the Windows-only ones:
 *
 *   win_pipe_peer pid                       print "pid <GetCurrentProcessId()>"
 *   win_pipe_peer big NAME BYTES            send one message of BYTES bytes (byte i = i % 251), read one
 *                                           reply, print "reply: <length> ok" if it equals the request,
 *                                           "reply: <length> corrupt" if not
 *   win_pipe_peer serve-sddl NAME SDDL [PREFIX]
 *                                           serve, the pipe secured by the SDDL string (an owner
 *                                           other than oneself needs SeRestorePrivilege, which
 *                                           an elevated administrator has: it is enabled)
 *   win_pipe_peer hold NAME INSTANCES       create INSTANCES instances (nMaxInstances = INSTANCES), occupy
 *                                           each with a client handle of its own, print "ready", never read:
 *                                           every other client gets ERROR_PIPE_BUSY until it is killed
 *   win_pipe_peer busy-serve NAME HOLD_MS   a single instance: print "ready"; accept the first client,
 *                                           print "held", keep it HOLD_MS ms unanswered, disconnect it,
 *                                           print "released"; then serve the following clients one after
 *                                           another, replying "busy:"+msg
 *
 * Pipes this peer creates belong to the current user and admit only the current user
 * ("O:<user>D:P(A;;GA;;;<user>)", the transport's own default, which its clients check),
 * unless serve-sddl says otherwise; the first instance asks for FILE_FLAG_FIRST_PIPE_INSTANCE.
 * Clients connect with SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, retry while the pipe
 * does not exist yet (about 10 s) and wait with WaitNamedPipe while it is busy.
 *
 * Every line goes to stdout in binary mode ("\n", no "\r") and is flushed at once so the
 * test can follow along. Errors go to stderr naming the pipe and the Win32 error.
 * Exit status 0 = success.
 */
#ifndef _CRT_SECURE_NO_WARNINGS
#define _CRT_SECURE_NO_WARNINGS
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <sddl.h>
#include <fcntl.h>
#include <io.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_framing.h"

#ifdef _MSC_VER
#pragma comment(lib, "advapi32.lib")
#endif

#ifdef _MSC_VER
#define NORETURN __declspec(noreturn)
#else
#define NORETURN __attribute__((noreturn))
#endif

#ifndef PIPE_REJECT_REMOTE_CLIENTS
#define PIPE_REJECT_REMOTE_CLIENTS 0x00000008
#endif

#define PIPE_PREFIX "\\\\.\\pipe\\"
#define PIPE_BUFFER_SIZE 65536
#define FIRST_READ_SIZE 4096
#define MAX_MESSAGE (64 * 1024 * 1024)
#define CONNECT_TIMEOUT_MS 10000
#define RETRY_PAUSE_MS 10
#define BIG_PATTERN_MODULUS 251
#define MAX_BYTE_FRAMED_MESSAGE (1024 * 1024)
#define MAX_STREAMS 1024

static enum framing framing = FRAMING_MESSAGE;

/* ---------------------------------------------------------------- errors and output */

struct error_name {
	DWORD code;
	const char *name;
};

static const struct error_name ERROR_NAMES[] = {
	{ ERROR_FILE_NOT_FOUND, "ERROR_FILE_NOT_FOUND" },
	{ ERROR_PATH_NOT_FOUND, "ERROR_PATH_NOT_FOUND" },
	{ ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED" },
	{ ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE" },
	{ ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY" },
	{ ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER" },
	{ ERROR_BROKEN_PIPE, "ERROR_BROKEN_PIPE" },
	{ ERROR_SEM_TIMEOUT, "ERROR_SEM_TIMEOUT" },
	{ ERROR_INVALID_NAME, "ERROR_INVALID_NAME" },
	{ ERROR_BAD_PATHNAME, "ERROR_BAD_PATHNAME" },
	{ ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS" },
	{ ERROR_BAD_PIPE, "ERROR_BAD_PIPE" },
	{ ERROR_PIPE_BUSY, "ERROR_PIPE_BUSY" },
	{ ERROR_NO_DATA, "ERROR_NO_DATA" },
	{ ERROR_PIPE_NOT_CONNECTED, "ERROR_PIPE_NOT_CONNECTED" },
	{ ERROR_MORE_DATA, "ERROR_MORE_DATA" },
	{ ERROR_PIPE_CONNECTED, "ERROR_PIPE_CONNECTED" },
	{ ERROR_PIPE_LISTENING, "ERROR_PIPE_LISTENING" },
	{ ERROR_OPERATION_ABORTED, "ERROR_OPERATION_ABORTED" },
	{ ERROR_INVALID_SECURITY_DESCR, "ERROR_INVALID_SECURITY_DESCR" },
	{ ERROR_BAD_IMPERSONATION_LEVEL, "ERROR_BAD_IMPERSONATION_LEVEL" },
	{ ERROR_INVALID_OWNER, "ERROR_INVALID_OWNER" },
	{ ERROR_PRIVILEGE_NOT_HELD, "ERROR_PRIVILEGE_NOT_HELD" },
};

static const char *error_name(DWORD code) {
	size_t i;
	for (i = 0; i < sizeof ERROR_NAMES / sizeof ERROR_NAMES[0]; i++) {
		if (ERROR_NAMES[i].code == code) return ERROR_NAMES[i].name;
	}
	return "ERROR";
}

static NORETURN void fail_with(const char *what, const char *path, DWORD code) {
	fprintf(stderr, "%s(%s) failed: %s (%lu)\n", what, path, error_name(code), (unsigned long) code);
	fflush(stderr);
	exit(2);
}

static NORETURN void fail(const char *what, const char *path) {
	fail_with(what, path, GetLastError());
}

/* Lines may come from several threads (load); one lock keeps each line whole. */
static CRITICAL_SECTION output_lock;

static void print_line(const char *format, ...) {
	va_list arguments;
	EnterCriticalSection(&output_lock);
	va_start(arguments, format);
	vprintf(format, arguments);
	va_end(arguments);
	fputc('\n', stdout);
	fflush(stdout);
	LeaveCriticalSection(&output_lock);
}

static void print_message(const char *label, const char *message, DWORD length) {
	EnterCriticalSection(&output_lock);
	fputs(label, stdout);
	fwrite(message, 1, length, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	LeaveCriticalSection(&output_lock);
}

static void *allocate(size_t size) {
	void *memory = malloc(size);
	if (memory == NULL) {
		fprintf(stderr, "out of memory (%lu bytes)\n", (unsigned long) size);
		exit(2);
	}
	return memory;
}

/* ---------------------------------------------------------------- messages */

/* A growing receive buffer, one per connection. */
struct buffer {
	char *data;
	DWORD capacity;
};

static void buffer_init(struct buffer *buffer) {
	buffer->capacity = FIRST_READ_SIZE;
	buffer->data = allocate(buffer->capacity + 1);
}

static void buffer_reserve(struct buffer *buffer, DWORD capacity) {
	char *grown;
	if (capacity <= buffer->capacity) return;
	grown = realloc(buffer->data, (size_t) capacity + 1);
	if (grown == NULL) {
		fprintf(stderr, "out of memory (%lu bytes)\n", (unsigned long) capacity);
		exit(2);
	}
	buffer->data = grown;
	buffer->capacity = capacity;
}

#define RECEIVED_EOF (-2L)
#define RECEIVED_ERROR (-1L)

/* ---- byte framings: a buffered stream per pipe handle (peer_framing.h) ---- */

static long pipe_read(void *handle, void *buffer, size_t capacity) {
	DWORD got = 0;
	if (ReadFile((HANDLE) handle, buffer, (DWORD) capacity, &got, NULL)) return (long) got;
	DWORD error = GetLastError();
	if (error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED || error == ERROR_NO_DATA) return 0;
	return -1;
}

static int pipe_write(void *handle, const void *buffer, size_t length) {
	const char *p = buffer;
	while (length > 0) {
		DWORD written = 0;
		if (!WriteFile((HANDLE) handle, p, (DWORD) length, &written, NULL)) return -1;
		p += written;
		length -= written;
	}
	return 0;
}

static CRITICAL_SECTION streams_lock;
static HANDLE stream_handles[MAX_STREAMS];
static struct stream *stream_table[MAX_STREAMS];

static struct stream *stream_of(HANDLE pipe) {
	struct stream *found = NULL;
	int i, free_slot = -1;
	EnterCriticalSection(&streams_lock);
	for (i = 0; i < MAX_STREAMS; i++) {
		if (stream_table[i] != NULL && stream_handles[i] == pipe) found = stream_table[i];
		else if (stream_table[i] == NULL && free_slot < 0) free_slot = i;
	}
	if (found == NULL) {
		if (free_slot < 0) {
			fprintf(stderr, "too many pipes\n");
			exit(2);
		}
		found = allocate(sizeof *found);
		stream_init(found, pipe, pipe_read, pipe_write, framing);
		stream_handles[free_slot] = pipe;
		stream_table[free_slot] = found;
	}
	LeaveCriticalSection(&streams_lock);
	return found;
}

static void close_pipe(HANDLE pipe) {
	int i;
	EnterCriticalSection(&streams_lock);
	for (i = 0; i < MAX_STREAMS; i++) {
		if (stream_table[i] != NULL && stream_handles[i] == pipe) {
			free(stream_table[i]);
			stream_table[i] = NULL;
		}
	}
	LeaveCriticalSection(&streams_lock);
	CloseHandle(pipe);
}

/*
 * Read one whole message into buffer (NUL-terminated for printing).
 * Returns its length, RECEIVED_EOF when the other end closed before a message began,
 * RECEIVED_ERROR otherwise (GetLastError() says why).
 */
static long receive_message(HANDLE pipe, struct buffer *buffer) {
	DWORD length = 0;
	if (framing != FRAMING_MESSAGE) {
		long got;
		buffer_reserve(buffer, MAX_BYTE_FRAMED_MESSAGE);
		got = frame_receive(stream_of(pipe), buffer->data, (size_t) buffer->capacity + 1);
		if (got == FRAME_EOF) return RECEIVED_EOF;
		if (got < 0) {
			if (GetLastError() == 0) SetLastError(ERROR_INVALID_DATA);
			return RECEIVED_ERROR;
		}
		return got;
	}
	for (;;) {
		DWORD got = 0;
		if (ReadFile(pipe, buffer->data + length, buffer->capacity - length, &got, NULL)) {
			length += got;
			buffer->data[length] = '\0';
			return (long) length;
		}
		DWORD error = GetLastError();
		if (error == ERROR_MORE_DATA) {
			DWORD left = 0;
			length += got;
			/* the rest of this message; a pipe that cannot say gets twice the room */
			if (!PeekNamedPipe(pipe, NULL, 0, NULL, NULL, &left) || left == 0) {
				left = buffer->capacity;
			}
			if ((DWORD) MAX_MESSAGE - length < left) {
				SetLastError(ERROR_NOT_ENOUGH_MEMORY);
				return RECEIVED_ERROR;
			}
			buffer_reserve(buffer, length + left);
			continue;
		}
		if ((error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED || error == ERROR_NO_DATA)
				&& length == 0) {
			return RECEIVED_EOF;
		}
		SetLastError(error);
		return RECEIVED_ERROR;
	}
}

/* One WriteFile is one message; in a byte framing, one whole frame. */
static BOOL send_message(HANDLE pipe, const char *message, DWORD length) {
	DWORD written = 0;
	if (framing != FRAMING_MESSAGE) return frame_send(stream_of(pipe), message, length) == 0;
	if (!WriteFile(pipe, message, length, &written, NULL)) return FALSE;
	if (written != length) {
		SetLastError(ERROR_NO_DATA);
		return FALSE;
	}
	return TRUE;
}

static void require_replies(const char *mode) {
	if (framing == FRAMING_RAW) {
		fprintf(stderr, "%s needs replies, which raw framing cannot carry\n", mode);
		exit(64);
	}
}

/* prefix + message into a fresh buffer the caller frees */
static char *prefixed(const char *prefix, const char *message, DWORD length, DWORD *result_length) {
	size_t prefix_length = strlen(prefix);
	char *result = allocate(prefix_length + length + 1);
	memcpy(result, prefix, prefix_length);
	memcpy(result + prefix_length, message, length);
	result[prefix_length + length] = '\0';
	*result_length = (DWORD) (prefix_length + length);
	return result;
}

/* ---------------------------------------------------------------- names and security */

static char *pipe_path(const char *name) {
	size_t length;
	char *path;
	if (strncmp(name, "\\\\", 2) == 0) return _strdup(name);
	length = strlen(PIPE_PREFIX) + strlen(name) + 1;
	path = allocate(length);
	strcpy(path, PIPE_PREFIX);
	strcat(path, name);
	return path;
}

static wchar_t *widen(const char *text) {
	int length = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
	wchar_t *wide;
	if (length <= 0) {
		length = MultiByteToWideChar(CP_ACP, 0, text, -1, NULL, 0);
		wide = allocate((size_t) length * sizeof(wchar_t));
		MultiByteToWideChar(CP_ACP, 0, text, -1, wide, length);
		return wide;
	}
	wide = allocate((size_t) length * sizeof(wchar_t));
	MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, length);
	return wide;
}

/* "O:<user>D:P(A;;GA;;;<user>)" for the user this process runs as */
static wchar_t *owner_only_sddl(const char *path) {
	HANDLE token;
	DWORD size = 0;
	TOKEN_USER *user;
	LPWSTR sid;
	wchar_t *sddl;
	size_t length;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) fail("OpenProcessToken", path);
	GetTokenInformation(token, TokenUser, NULL, 0, &size);
	user = allocate(size);
	if (!GetTokenInformation(token, TokenUser, user, size, &size)) fail("GetTokenInformation", path);
	CloseHandle(token);
	if (!ConvertSidToStringSidW(user->User.Sid, &sid)) fail("ConvertSidToStringSid", path);
	length = 2 * wcslen(sid) + 32;
	sddl = allocate(length * sizeof(wchar_t));
	_snwprintf(sddl, length, L"O:%lsD:P(A;;GA;;;%ls)", sid, sid);
	sddl[length - 1] = L'\0';
	LocalFree(sid);
	free(user);
	return sddl;
}

static SECURITY_ATTRIBUTES *security(const wchar_t *sddl, const char *path) {
	SECURITY_ATTRIBUTES *attributes = allocate(sizeof *attributes);
	PSECURITY_DESCRIPTOR descriptor = NULL;
	if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &descriptor, NULL)) {
		fail("ConvertStringSecurityDescriptorToSecurityDescriptorW", path);
	}
	attributes->nLength = sizeof *attributes;
	attributes->lpSecurityDescriptor = descriptor;
	attributes->bInheritHandle = FALSE;
	return attributes;
}

/*
 * Setting an owner other than oneself (serve-sddl "O:SY...") takes SeRestorePrivilege,
 * which an elevated administrator holds but has disabled: enable it where it is held.
 */
static void enable_restore_privilege(void) {
	HANDLE token;
	TOKEN_PRIVILEGES privileges;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &token)) return;
	privileges.PrivilegeCount = 1;
	privileges.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
	if (LookupPrivilegeValueA(NULL, "SeRestorePrivilege", &privileges.Privileges[0].Luid)) {
		AdjustTokenPrivileges(token, FALSE, &privileges, 0, NULL, NULL);
	}
	CloseHandle(token);
}

static SECURITY_ATTRIBUTES *default_security(const char *path) {
	return security(owner_only_sddl(path), path);
}

/* ---------------------------------------------------------------- server side */

static HANDLE open_pipe(const char *path);

struct server {
	const char *path;
	SECURITY_ATTRIBUTES *security;
	DWORD max_instances;
	BOOL created;
};

static void server_init(struct server *server, const char *path, SECURITY_ATTRIBUTES *attributes,
		DWORD max_instances) {
	server->path = path;
	server->security = attributes;
	server->max_instances = max_instances;
	server->created = FALSE;
}

static HANDLE create_instance(struct server *server) {
	DWORD open_mode = PIPE_ACCESS_DUPLEX | (server->created ? 0 : FILE_FLAG_FIRST_PIPE_INSTANCE);
	DWORD type = (framing == FRAMING_MESSAGE) ? PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE
			: PIPE_TYPE_BYTE | PIPE_READMODE_BYTE;
	HANDLE pipe = CreateNamedPipeA(server->path, open_mode, type | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
			server->max_instances, PIPE_BUFFER_SIZE, PIPE_BUFFER_SIZE, 0, server->security);
	if (pipe == INVALID_HANDLE_VALUE) fail("CreateNamedPipe", server->path);
	if (!server->created) {
		server->created = TRUE;
		print_line("ready");
	}
	return pipe;
}

static void accept_client(HANDLE pipe, const char *path) {
	if (!ConnectNamedPipe(pipe, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) fail("ConnectNamedPipe", path);
}

/* Answer requests with prefix+request until the client goes; 0 on a clean end. */
static int answer_requests(HANDLE pipe, const char *path, const char *prefix) {
	struct buffer message;
	long length;
	int result = 0;
	buffer_init(&message);
	while ((length = receive_message(pipe, &message)) >= 0) {
		DWORD reply_length;
		char *reply = prefixed(prefix, message.data, (DWORD) length, &reply_length);
		BOOL sent = send_message(pipe, reply, reply_length);
		free(reply);
		if (!sent) break;
	}
	if (length == RECEIVED_ERROR) {
		DWORD error = GetLastError();
		fprintf(stderr, "ReadFile(%s) failed: %s (%lu)\n", path, error_name(error), (unsigned long) error);
		fflush(stderr);
		result = 1;
	}
	free(message.data);
	return result;
}

struct session {
	HANDLE pipe;
	const char *path;
	const char *prefix;
};

static DWORD WINAPI serve_session(LPVOID argument) {
	struct session *session = argument;
	answer_requests(session->pipe, session->path, session->prefix);
	close_pipe(session->pipe);
	free(session);
	return 0;
}

static NORETURN void run_serve(const char *path, const char *prefix, SECURITY_ATTRIBUTES *attributes) {
	struct server server;
	require_replies("serve");
	server_init(&server, path, attributes, PIPE_UNLIMITED_INSTANCES);
	for (;;) {
		HANDLE pipe = create_instance(&server);
		HANDLE thread;
		struct session *session;
		accept_client(pipe, path);
		session = allocate(sizeof *session);
		session->pipe = pipe;
		session->path = path;
		session->prefix = prefix;
		thread = CreateThread(NULL, 0, serve_session, session, 0, NULL);
		if (thread == NULL) fail("CreateThread", path);
		CloseHandle(thread);
	}
}

static int run_push(const char *path, int count) {
	struct server server;
	HANDLE pipe;
	char message[64];
	int i;
	server_init(&server, path, default_security(path), 1);
	pipe = create_instance(&server);
	accept_client(pipe, path);
	for (i = 0; i < count; i++) {
		int length = sprintf(message, "msg-%d", i);
		if (!send_message(pipe, message, (DWORD) length)) fail("WriteFile", path);
		if (framing == FRAMING_RAW && i + 1 < count) {
			/* a raw message ends with its connection: the next one on a new instance */
			FlushFileBuffers(pipe);
			close_pipe(pipe);
			pipe = create_instance(&server);
			accept_client(pipe, path);
		}
	}
	/* closing would not lose what the client has yet to read, but disconnecting would */
	FlushFileBuffers(pipe);
	close_pipe(pipe);
	print_line("pushed %d", count);
	return 0;
}

static int run_ask(const char *path, int count, char **messages) {
	struct server server;
	HANDLE pipe;
	struct buffer reply;
	int i;
	require_replies("ask");
	server_init(&server, path, default_security(path), 1);
	pipe = create_instance(&server);
	buffer_init(&reply);
	accept_client(pipe, path);
	for (i = 0; i < count; i++) {
		long length;
		if (!send_message(pipe, messages[i], (DWORD) strlen(messages[i]))) fail("WriteFile", path);
		length = receive_message(pipe, &reply);
		if (length < 0) {
			fprintf(stderr, "ReadFile(%s): no reply\n", path);
			return 3;
		}
		print_message("reply: ", reply.data, (DWORD) length);
	}
	close_pipe(pipe);
	return 0;
}

static NORETURN void run_hold(const char *path, int instances) {
	SECURITY_ATTRIBUTES *attributes = default_security(path);
	int i;
	if (instances < 1 || instances >= PIPE_UNLIMITED_INSTANCES) {
		fprintf(stderr, "hold: INSTANCES must be 1..254\n");
		exit(64);
	}
	for (i = 0; i < instances; i++) {
		HANDLE pipe = CreateNamedPipeA(path, PIPE_ACCESS_DUPLEX | (i == 0 ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0),
				PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
				(DWORD) instances, PIPE_BUFFER_SIZE, PIPE_BUFFER_SIZE, 0, attributes);
		if (pipe == INVALID_HANDLE_VALUE) fail("CreateNamedPipe", path);
		/* occupied by a client end of our own, so no instance is left listening */
		if (open_pipe(path) == INVALID_HANDLE_VALUE) fail("CreateFile", path);
		accept_client(pipe, path);
	}
	print_line("ready");
	for (;;) Sleep(INFINITE);
}

static NORETURN void run_busy_serve(const char *path, DWORD hold_ms) {
	struct server server;
	HANDLE pipe;
	server_init(&server, path, default_security(path), 1);
	pipe = create_instance(&server);
	accept_client(pipe, path);
	print_line("held");
	Sleep(hold_ms);
	DisconnectNamedPipe(pipe);
	print_line("released");
	for (;;) {
		accept_client(pipe, path);
		answer_requests(pipe, path, "busy:");
		DisconnectNamedPipe(pipe);
	}
}

/* ---------------------------------------------------------------- client side */

static HANDLE open_pipe(const char *path) {
	return CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
			SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, NULL);
}

static void message_mode(HANDLE pipe, const char *path) {
	DWORD mode = PIPE_READMODE_MESSAGE;
	if (framing != FRAMING_MESSAGE) return;
	if (!SetNamedPipeHandleState(pipe, &mode, NULL, NULL)) fail("SetNamedPipeHandleState", path);
}

static HANDLE connect_to(const char *path) {
	DWORD start = GetTickCount();
	for (;;) {
		HANDLE pipe = open_pipe(path);
		DWORD error, elapsed;
		if (pipe != INVALID_HANDLE_VALUE) {
			message_mode(pipe, path);
			return pipe;
		}
		error = GetLastError();
		elapsed = GetTickCount() - start;
		if (elapsed >= CONNECT_TIMEOUT_MS || (error != ERROR_FILE_NOT_FOUND && error != ERROR_PIPE_BUSY)) {
			fail_with("CreateFile", path, error);
		}
		if (error == ERROR_PIPE_BUSY) {
			/* a false return (timeout, or the pipe went away) just means: try again */
			if (!WaitNamedPipeA(path, CONNECT_TIMEOUT_MS - elapsed) && GetLastError() == ERROR_FILE_NOT_FOUND) {
				Sleep(RETRY_PAUSE_MS);
			}
		}
		else {
			Sleep(RETRY_PAUSE_MS);
		}
	}
}

static int run_client(const char *path, int count, char **messages) {
	HANDLE pipe;
	struct buffer reply;
	int i;
	require_replies("client");
	pipe = connect_to(path);
	buffer_init(&reply);
	for (i = 0; i < count; i++) {
		long length;
		if (!send_message(pipe, messages[i], (DWORD) strlen(messages[i]))) fail("WriteFile", path);
		length = receive_message(pipe, &reply);
		if (length == RECEIVED_EOF) {
			fprintf(stderr, "ReadFile(%s): server closed the connection\n", path);
			return 3;
		}
		if (length < 0) fail("ReadFile", path);
		print_message("reply: ", reply.data, (DWORD) length);
	}
	close_pipe(pipe);
	return 0;
}

static int run_recv(const char *path, int count) {
	HANDLE pipe = connect_to(path);
	struct buffer message;
	int i;
	buffer_init(&message);
	print_line("connected");
	for (i = 0; i < count; i++) {
		long length;
		if (framing == FRAMING_RAW && i > 0) {
			/* a raw message ends with its connection: the next one on a new connection */
			close_pipe(pipe);
			pipe = connect_to(path);
		}
		length = receive_message(pipe, &message);
		if (length == RECEIVED_EOF) {
			fprintf(stderr, "ReadFile(%s): server closed the connection\n", path);
			return 3;
		}
		if (length < 0) fail("ReadFile", path);
		print_message("got: ", message.data, (DWORD) length);
	}
	close_pipe(pipe);
	return 0;
}

static int run_answer(const char *path, const char *prefix, int count) {
	HANDLE pipe;
	struct buffer message;
	int i;
	require_replies("answer");
	pipe = connect_to(path);
	buffer_init(&message);
	print_line("connected");
	for (i = 0; i < count; i++) {
		DWORD reply_length;
		char *reply;
		long length = receive_message(pipe, &message);
		if (length < 0) {
			fprintf(stderr, "ReadFile(%s): connection ended\n", path);
			return 3;
		}
		reply = prefixed(prefix, message.data, (DWORD) length, &reply_length);
		if (!send_message(pipe, reply, reply_length)) fail("WriteFile", path);
		free(reply);
	}
	close_pipe(pipe);
	return 0;
}

static int run_big(const char *path, DWORD size) {
	HANDLE pipe = connect_to(path);
	char *request = allocate((size_t) size + 1);
	struct buffer reply;
	long length;
	DWORD i;
	for (i = 0; i < size; i++) request[i] = (char) (i % BIG_PATTERN_MODULUS);
	buffer_init(&reply);
	if (!send_message(pipe, request, size)) fail("WriteFile", path);
	length = receive_message(pipe, &reply);
	if (length == RECEIVED_EOF) {
		fprintf(stderr, "ReadFile(%s): server closed the connection\n", path);
		return 3;
	}
	if (length < 0) fail("ReadFile", path);
	print_line("reply: %ld %s", length,
			(DWORD) length == size && memcmp(reply.data, request, size) == 0 ? "ok" : "corrupt");
	close_pipe(pipe);
	return 0;
}

static int run_probe(const char *path, const char *request) {
	HANDLE pipe = open_pipe(path);
	struct buffer reply;
	long length = RECEIVED_EOF;
	if (pipe == INVALID_HANDLE_VALUE) {
		DWORD error = GetLastError();
		if (strcmp(error_name(error), "ERROR") == 0) print_line("refused %lu", (unsigned long) error);
		else print_line("refused %s", error_name(error));
		return 0;
	}
	message_mode(pipe, path);
	buffer_init(&reply);
	if (send_message(pipe, request, (DWORD) strlen(request))) length = receive_message(pipe, &reply);
	if (length >= 0) print_message("reply: ", reply.data, (DWORD) length);
	else print_line("eof");
	close_pipe(pipe);
	return 0;
}

struct load_job {
	const char *path;
	int id;
	int count;
	int failures;
};

static DWORD WINAPI load_worker(LPVOID argument) {
	struct load_job *job = argument;
	HANDLE pipe = connect_to(job->path);
	struct buffer reply;
	char request[64];
	int i;
	buffer_init(&reply);
	for (i = 0; i < job->count; i++) {
		int length = sprintf(request, "c%d-%d", job->id, i);
		long got;
		if (!send_message(pipe, request, (DWORD) length)) {
			job->failures++;
			break;
		}
		got = receive_message(pipe, &reply);
		if (got < 0) {
			job->failures++;
			break;
		}
		/* the reply must answer this client's own request, in order: it ends with it */
		if (got < length || strcmp(reply.data + got - length, request) != 0) {
			fprintf(stderr, "client %d request %s got reply %s\n", job->id, request, reply.data);
			job->failures++;
		}
	}
	close_pipe(pipe);
	free(reply.data);
	return 0;
}

static int run_load(const char *path, int threads, int count) {
	HANDLE *ids;
	struct load_job *jobs;
	require_replies("load");
	ids = allocate((size_t) threads * sizeof *ids);
	jobs = allocate((size_t) threads * sizeof *jobs);
	int failures = 0;
	int t;
	for (t = 0; t < threads; t++) {
		jobs[t].path = path;
		jobs[t].id = t;
		jobs[t].count = count;
		jobs[t].failures = 0;
		ids[t] = CreateThread(NULL, 0, load_worker, &jobs[t], 0, NULL);
		if (ids[t] == NULL) fail("CreateThread", path);
	}
	for (t = 0; t < threads; t++) {
		WaitForSingleObject(ids[t], INFINITE);
		CloseHandle(ids[t]);
		failures += jobs[t].failures;
	}
	print_line("replies: %d failures: %d", threads * count - failures, failures);
	return failures == 0 ? 0 : 1;
}

/* ---------------------------------------------------------------- send, sink, bystander, bad input */

static int run_send(const char *path, int count, char **messages) {
	HANDLE pipe = INVALID_HANDLE_VALUE;
	int i;
	for (i = 0; i < count; i++) {
		if (pipe == INVALID_HANDLE_VALUE) pipe = connect_to(path);
		if (!send_message(pipe, messages[i], (DWORD) strlen(messages[i]))) fail("WriteFile", path);
		if (framing == FRAMING_RAW) {
			/* a raw message ends with its connection; wait until the server read it */
			FlushFileBuffers(pipe);
			close_pipe(pipe);
			pipe = INVALID_HANDLE_VALUE;
		}
	}
	if (pipe != INVALID_HANDLE_VALUE) {
		FlushFileBuffers(pipe);
		close_pipe(pipe);
	}
	print_line("sent %d", count);
	return 0;
}

static int run_sink(const char *path, int count) {
	struct server server;
	struct buffer message;
	int received = 0;
	server_init(&server, path, default_security(path), PIPE_UNLIMITED_INSTANCES);
	buffer_init(&message);
	while (received < count) {
		HANDLE pipe = create_instance(&server);
		long length;
		accept_client(pipe, path);
		while (received < count && (length = receive_message(pipe, &message)) >= 0) {
			print_message("got: ", message.data, (DWORD) length);
			received++;
			if (framing == FRAMING_RAW) break;
		}
		close_pipe(pipe);
	}
	print_line("done");
	return 0;
}

static int run_bystander(const char *path, int count, int millis) {
	HANDLE pipe;
	struct buffer reply;
	char request[64];
	int i;
	require_replies("bystander");
	pipe = connect_to(path);
	buffer_init(&reply);
	print_line("connected");
	for (i = 0; i < count; i++) {
		int length = sprintf(request, "b-%d", i);
		long got;
		if (!send_message(pipe, request, (DWORD) length)) {
			print_line("bystander failed at %d of %d: WriteFile %s", i, count, error_name(GetLastError()));
			return 1;
		}
		got = receive_message(pipe, &reply);
		if (got < length || strcmp(reply.data + got - length, request) != 0) {
			print_line("bystander failed at %d of %d: reply %s", i, count, got < 0 ? "missing" : reply.data);
			return 1;
		}
		Sleep((DWORD) millis);
	}
	close_pipe(pipe);
	print_line("bystander ok %d", count);
	return 0;
}

static int wait_for_eof(HANDLE pipe) {
	char buffer[256];
	DWORD got;
	while (ReadFile(pipe, buffer, sizeof buffer, &got, NULL) || GetLastError() == ERROR_MORE_DATA) {
	}
	print_line("closed by server");
	return 0;
}

static int run_bad(const char *path, const char *kind, size_t max) {
	HANDLE pipe = connect_to(path);
	if (framing == FRAMING_MESSAGE) {
		char *bytes;
		DWORD written;
		if (strcmp(kind, "oversize") != 0) {
			fprintf(stderr, "a message-mode pipe has no %s input: one WriteFile is one whole message\n", kind);
			return 65;
		}
		bytes = allocate(max + 1);
		memset(bytes, 'x', max + 1);
		/* the server may close while the message is still in flight */
		WriteFile(pipe, bytes, (DWORD) (max + 1), &written, NULL);
		return wait_for_eof(pipe);
	}
	if (strcmp(kind, "oversize") == 0) {
		frame_send_oversize(stream_of(pipe), max);
		if (framing == FRAMING_RAW) {
			FlushFileBuffers(pipe);
			close_pipe(pipe);
			print_line("closed by server");
			return 0;
		}
		return wait_for_eof(pipe);
	}
	if (strcmp(kind, "garbage") == 0) {
		frame_send_garbage(stream_of(pipe), max);
		return wait_for_eof(pipe);
	}
	if (strcmp(kind, "truncated") == 0 || strcmp(kind, "stall") == 0) {
		if (frame_send_partial(stream_of(pipe), 50, 10) < 0) fail("WriteFile", path);
		if (strcmp(kind, "truncated") == 0) {
			FlushFileBuffers(pipe);
			close_pipe(pipe);
			print_line("disconnected");
			return 0;
		}
		print_line("partial");
		for (;;) Sleep(INFINITE);
	}
	fprintf(stderr, "unknown kind of bad input %s\n", kind);
	return 64;
}

static void print_identity(void) {
	char user[256];
	DWORD size = sizeof user;
	print_line("pid %lu", (unsigned long) GetCurrentProcessId());
	if (GetUserNameA(user, &size)) print_line("user %s", user);
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
	const char *mode;
	const char *path;
	int first = 1;
	InitializeCriticalSection(&output_lock);
	InitializeCriticalSection(&streams_lock);
	_setmode(_fileno(stdout), _O_BINARY);
	while (first < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "-f") == 0 && first + 1 < argc) {
			int chosen = framing_of(argv[first + 1]);
			if (chosen < 0) {
				fprintf(stderr, "unknown framing %s\n", argv[first + 1]);
				return 64;
			}
			framing = (enum framing) chosen;
			first += 2;
		}
		else if (strcmp(argv[first], "-i") == 0) {
			print_identity();
			first++;
		}
		else {
			fprintf(stderr, "unknown option %s\n", argv[first]);
			return 64;
		}
	}
	argc -= first - 1;
	argv += first - 1;
	if (argc >= 2 && strcmp(argv[1], "pid") == 0) {
		print_line("pid %lu", (unsigned long) GetCurrentProcessId());
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: win_pipe_peer MODE NAME ...\n");
		return 64;
	}
	mode = argv[1];
	path = pipe_path(argv[2]);
	if (strcmp(mode, "client") == 0) return run_client(path, argc - 3, argv + 3);
	if (strcmp(mode, "client-pid") == 0) {
		print_line("pid %lu", (unsigned long) GetCurrentProcessId());
		return run_client(path, argc - 3, argv + 3);
	}
	if (strcmp(mode, "recv") == 0 && argc == 4) return run_recv(path, atoi(argv[3]));
	if (strcmp(mode, "serve") == 0 && (argc == 3 || argc == 4)) {
		run_serve(path, argc == 4 ? argv[3] : "", default_security(path));
	}
	if (strcmp(mode, "serve-sddl") == 0 && (argc == 4 || argc == 5)) {
		enable_restore_privilege();
		run_serve(path, argc == 5 ? argv[4] : "", security(widen(argv[3]), path));
	}
	if (strcmp(mode, "push") == 0 && argc == 4) return run_push(path, atoi(argv[3]));
	if (strcmp(mode, "ask") == 0) return run_ask(path, argc - 3, argv + 3);
	if (strcmp(mode, "answer") == 0 && argc == 5) return run_answer(path, argv[3], atoi(argv[4]));
	if (strcmp(mode, "load") == 0 && argc == 5) return run_load(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "big") == 0 && argc == 4) return run_big(path, (DWORD) strtoul(argv[3], NULL, 10));
	if (strcmp(mode, "probe") == 0 && argc == 4) return run_probe(path, argv[3]);
	if (strcmp(mode, "hold") == 0 && argc == 4) run_hold(path, atoi(argv[3]));
	if (strcmp(mode, "busy-serve") == 0 && argc == 4) run_busy_serve(path, (DWORD) strtoul(argv[3], NULL, 10));
	if (strcmp(mode, "send") == 0) return run_send(path, argc - 3, argv + 3);
	if (strcmp(mode, "sink") == 0 && argc == 4) return run_sink(path, atoi(argv[3]));
	if (strcmp(mode, "bystander") == 0 && argc == 5) return run_bystander(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "bad") == 0 && argc == 5) return run_bad(path, argv[3], (size_t) strtoul(argv[4], NULL, 10));
	fprintf(stderr, "unknown mode %s (or wrong number of arguments)\n", mode);
	return 64;
}
