/*
 * A native Windows peer for winipc's mailslot tests, written as classic Win32 mailslot
 * programs are: the reader creates \\.\mailslot\NAME with CreateMailslot and reads it
 * with ReadFile; a writer opens it with CreateFile(OPEN_EXISTING, FILE_SHARE_READ), writes
 * one message per WriteFile and closes it. Built with mingw-w64 and run under Wine on
 * Linux, or with MSVC (cl) / gcc on Windows.
 *
 *   win_mailslot_peer write NAME MSG...         open the slot once, write each MSG; print "sent N",
 *                                               or "refused <ERROR_...>" and exit 3
 *   win_mailslot_peer flood NAME THREADS COUNT  THREADS writers at once, each writing "<t>:<seq>" COUNT
 *                                               times (sharing writing with each other); print
 *                                               "sent <THREADS*COUNT>"
 *   win_mailslot_peer oversize NAME LEN         write one message of LEN bytes and print "oversize: ok"
 *                                               or "oversize: <ERROR_...>", then write "small", print "sent"
 *   win_mailslot_peer read NAME N [SDDL]        create the slot (secured by SDDL if given), print "ready",
 *                                               print "got: <msg>" for each of N messages
 *
 * A NAME starting with \\ is used as the whole path. Every line goes to stdout in binary
 * mode and is flushed at once. Errors go to stderr naming the slot and the Win32 error.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 64

static const char *error_name(DWORD code) {
	switch (code) {
	case ERROR_FILE_NOT_FOUND: return "ERROR_FILE_NOT_FOUND";
	case ERROR_ACCESS_DENIED: return "ERROR_ACCESS_DENIED";
	case ERROR_SHARING_VIOLATION: return "ERROR_SHARING_VIOLATION";
	case ERROR_INVALID_PARAMETER: return "ERROR_INVALID_PARAMETER";
	case ERROR_BROKEN_PIPE: return "ERROR_BROKEN_PIPE";
	case ERROR_SEM_TIMEOUT: return "ERROR_SEM_TIMEOUT";
	case ERROR_INSUFFICIENT_BUFFER: return "ERROR_INSUFFICIENT_BUFFER";
	case ERROR_ALREADY_EXISTS: return "ERROR_ALREADY_EXISTS";
	case ERROR_NOT_ENOUGH_MEMORY: return "ERROR_NOT_ENOUGH_MEMORY";
	default: return "ERROR";
	}
}

static void fail(const char *what, const char *path) {
	DWORD code = GetLastError();
	fprintf(stderr, "%s(%s) failed: %s (%lu)\n", what, path, error_name(code), (unsigned long) code);
	fflush(stderr);
	exit(2);
}

static void print_line(const char *format, const char *text) {
	printf(format, text);
	fputc('\n', stdout);
	fflush(stdout);
}

static char *slot_path(const char *name) {
	char *path = malloc(strlen(name) + 32);
	if (strncmp(name, "\\\\", 2) == 0) strcpy(path, name);
	else sprintf(path, "\\\\.\\mailslot\\%s", name);
	return path;
}

static HANDLE open_slot(const char *path, DWORD share) {
	return CreateFileA(path, GENERIC_WRITE, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
}

static int run_write(const char *path, int count, char **messages) {
	HANDLE slot = open_slot(path, FILE_SHARE_READ);
	int i;
	char text[32];
	if (slot == INVALID_HANDLE_VALUE) {
		print_line("refused %s", error_name(GetLastError()));
		return 3;
	}
	for (i = 0; i < count; i++) {
		DWORD written;
		if (!WriteFile(slot, messages[i], (DWORD) strlen(messages[i]), &written, NULL)) {
			print_line("refused %s", error_name(GetLastError()));
			return 3;
		}
	}
	CloseHandle(slot);
	sprintf(text, "%d", count);
	print_line("sent %s", text);
	return 0;
}

struct flood {
	const char *path;
	int thread;
	int count;
	int failed;
};

static DWORD WINAPI flood_writer(LPVOID argument) {
	struct flood *flood = argument;
	/* Writers of one process side by side: Wine, as Windows XP, needs them to share writing. */
	HANDLE slot = open_slot(flood->path, FILE_SHARE_READ | FILE_SHARE_WRITE);
	char message[64];
	int i;
	if (slot == INVALID_HANDLE_VALUE) {
		flood->failed = 1;
		return 0;
	}
	for (i = 0; i < flood->count; i++) {
		DWORD written;
		int length = sprintf(message, "%d:%d", flood->thread, i);
		if (!WriteFile(slot, message, (DWORD) length, &written, NULL)) {
			flood->failed = 1;
			break;
		}
	}
	CloseHandle(slot);
	return 0;
}

static int run_flood(const char *path, int threads, int count) {
	HANDLE ids[MAX_THREADS] = { 0 };
	struct flood floods[MAX_THREADS];
	int t;
	int failed = 0;
	char text[32];
	if (threads > MAX_THREADS) threads = MAX_THREADS;
	for (t = 0; t < threads; t++) {
		floods[t].path = path;
		floods[t].thread = t;
		floods[t].count = count;
		floods[t].failed = 0;
		ids[t] = CreateThread(NULL, 0, flood_writer, &floods[t], 0, NULL);
	}
	WaitForMultipleObjects((DWORD) threads, ids, TRUE, INFINITE);
	for (t = 0; t < threads; t++) failed |= floods[t].failed;
	if (failed) {
		fprintf(stderr, "flood(%s): a write failed: %s\n", path, error_name(GetLastError()));
		return 1;
	}
	sprintf(text, "%d", threads * count);
	print_line("sent %s", text);
	return 0;
}

static int run_oversize(const char *path, DWORD length) {
	HANDLE slot = open_slot(path, FILE_SHARE_READ);
	char *big = malloc(length);
	DWORD written;
	if (slot == INVALID_HANDLE_VALUE) fail("CreateFile", path);
	memset(big, 'x', length);
	if (WriteFile(slot, big, length, &written, NULL)) print_line("oversize: %s", "ok");
	else print_line("oversize: %s", error_name(GetLastError()));
	if (!WriteFile(slot, "small", 5, &written, NULL)) fail("WriteFile", path);
	CloseHandle(slot);
	print_line("%s", "sent");
	free(big);
	return 0;
}

/*
 * An owner other than oneself ("O:SY...") takes SeRestorePrivilege, which an elevated
 * administrator holds but has disabled: enable it where it is held.
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

static int run_read(const char *path, int count, const char *sddl) {
	SECURITY_ATTRIBUTES attributes = { sizeof attributes, NULL, FALSE };
	HANDLE slot;
	char *buffer = malloc(65536 + 1);
	int i;
	if (sddl != NULL) {
		enable_restore_privilege();
		if (!ConvertStringSecurityDescriptorToSecurityDescriptorA(sddl, SDDL_REVISION_1,
				&attributes.lpSecurityDescriptor, NULL)) {
			fail("ConvertStringSecurityDescriptorToSecurityDescriptor", path);
		}
	}
	slot = CreateMailslotA(path, 0, MAILSLOT_WAIT_FOREVER, (sddl != NULL) ? &attributes : NULL);
	if (slot == INVALID_HANDLE_VALUE) fail("CreateMailslot", path);
	print_line("%s", "ready");
	for (i = 0; i < count; i++) {
		DWORD length = 0;
		if (!ReadFile(slot, buffer, 65536, &length, NULL)) {
			/* Wine reads a zero-length message as ERROR_BROKEN_PIPE; Windows as 0 bytes. */
			if (GetLastError() != ERROR_BROKEN_PIPE) fail("ReadFile", path);
			length = 0;
		}
		buffer[length] = '\0';
		print_line("got: %s", buffer);
	}
	CloseHandle(slot);
	free(buffer);
	return 0;
}

int main(int argc, char **argv) {
	const char *mode;
	const char *path;
	_setmode(_fileno(stdout), _O_BINARY);
	if (argc < 3) {
		fprintf(stderr, "usage: win_mailslot_peer write|flood|oversize|read NAME ...\n");
		return 64;
	}
	mode = argv[1];
	path = slot_path(argv[2]);
	if (strcmp(mode, "write") == 0) return run_write(path, argc - 3, argv + 3);
	if (strcmp(mode, "flood") == 0 && argc == 5) return run_flood(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "oversize") == 0 && argc == 4) return run_oversize(path, (DWORD) atol(argv[3]));
	if (strcmp(mode, "read") == 0 && (argc == 4 || argc == 5)) {
		return run_read(path, atoi(argv[3]), (argc == 5) ? argv[4] : NULL);
	}
	fprintf(stderr, "win_mailslot_peer: unknown mode or arguments\n");
	return 64;
}
