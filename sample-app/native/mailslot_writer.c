/*
 * mailslot_writer: the native side of winipc's mailslot sample, after the classic Win32
 * mailslot sample.
 *
 * Writes three messages to the mailslot "HelloWorld" that the Spring Boot sample app
 * reads, printing each one as it goes, and exits 0; on any failure it prints what failed,
 * on which mailslot and with which OS error, and exits 1.
 *
 *   mailslot_writer
 *
 * The mailslot name can be changed with the HELLO_MAILSLOT environment variable.
 *
 * Windows: the mailslot \\.\mailslot\HelloWorld, opened with CreateFile(OPEN_EXISTING,
 * FILE_SHARE_READ); one WriteFile is one message.
 * Linux, macOS: the Unix datagram socket $TMPDIR/winipc-mailslot-HelloWorld (/tmp when
 * TMPDIR is unset); one sendto is one message.
 *
 * Build:  cc -Wall -Wextra -O2 -o mailslot_writer mailslot_writer.c
 *         x86_64-w64-mingw32-gcc -Wall -Wextra -O2 -o mailslot_writer.exe mailslot_writer.c
 *         cl /nologo /W4 mailslot_writer.c
 */
#if defined(_MSC_VER)
#define _CRT_SECURE_NO_WARNINGS
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAILSLOT "HelloWorld"
#define OPEN_ATTEMPTS 50     /* 50 x 100 ms: the app may still be starting */
#define RETRY_MILLIS 100

static const char *const MESSAGES[] = {
	"Message one for mailslot.",
	"Message two for mailslot.",
	"Message three for mailslot.",
};

static char slot_path[512];

#ifdef _WIN32
#include <windows.h>

static int fail(const char *operation)
{
	DWORD error = GetLastError();
	char text[256] = "";
	FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, error, 0, text,
			(DWORD) sizeof(text), NULL);
	text[strcspn(text, "\r\n")] = '\0';
	fprintf(stderr, "mailslot_writer: %s(%s) failed: error %lu: %s\n", operation, slot_path, (unsigned long) error,
			text);
	return 1;
}

static void set_path(const char *name)
{
	snprintf(slot_path, sizeof(slot_path), "\\\\.\\mailslot\\%s", name);
}

static int write_all(void)
{
	HANDLE slot = INVALID_HANDLE_VALUE;
	size_t i;
	int attempt;
	for (attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
		slot = CreateFileA(slot_path, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL,
				NULL);
		if (slot != INVALID_HANDLE_VALUE || GetLastError() != ERROR_FILE_NOT_FOUND) {
			break;
		}
		/* No reader yet: the app may still be starting. */
		Sleep(RETRY_MILLIS);
	}
	if (slot == INVALID_HANDLE_VALUE) {
		return fail("CreateFile");
	}
	for (i = 0; i < sizeof(MESSAGES) / sizeof(MESSAGES[0]); i++) {
		DWORD written = 0;
		if (!WriteFile(slot, MESSAGES[i], (DWORD) strlen(MESSAGES[i]), &written, NULL)) {
			return fail("WriteFile");
		}
		printf("> %s\n", MESSAGES[i]);
		fflush(stdout);
	}
	CloseHandle(slot);
	return 0;
}

#else
#include <errno.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *operation)
{
	int error = errno;
	fprintf(stderr, "mailslot_writer: %s(%s) failed: errno %d: %s\n", operation, slot_path, error, strerror(error));
	return 1;
}

static void set_path(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	if (name[0] == '/') {
		snprintf(slot_path, sizeof(slot_path), "%s", name);
	}
	else {
		snprintf(slot_path, sizeof(slot_path), "%s/winipc-mailslot-%s",
				(tmp != NULL && tmp[0] != '\0') ? tmp : "/tmp", name);
	}
}

static int write_all(void)
{
	struct sockaddr_un address;
	struct timespec pause = { 0, RETRY_MILLIS * 1000000L };
	socklen_t address_length;
	size_t i;
	int sock;
	if (strlen(slot_path) >= sizeof(address.sun_path)) {
		errno = ENAMETOOLONG;
		return fail("sendto");
	}
	memset(&address, 0, sizeof(address));
	address.sun_family = AF_UNIX;
	strcpy(address.sun_path, slot_path);
	address_length = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + strlen(slot_path) + 1);
	sock = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (sock < 0) {
		return fail("socket");
	}
	for (i = 0; i < sizeof(MESSAGES) / sizeof(MESSAGES[0]); i++) {
		int attempt;
		for (attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
			if (sendto(sock, MESSAGES[i], strlen(MESSAGES[i]), 0, (struct sockaddr *) &address, address_length) >= 0) {
				break;
			}
			if (errno != ENOENT && errno != ECONNREFUSED && errno != EINTR) {
				return fail("sendto");
			}
			/* No reader yet: the app may still be starting. */
			nanosleep(&pause, NULL);
		}
		if (attempt == OPEN_ATTEMPTS) {
			return fail("sendto");
		}
		printf("> %s\n", MESSAGES[i]);
		fflush(stdout);
	}
	close(sock);
	return 0;
}

#endif

int main(void)
{
	const char *name = getenv("HELLO_MAILSLOT");
	set_path((name != NULL && name[0] != '\0') ? name : DEFAULT_MAILSLOT);
	return write_all();
}
