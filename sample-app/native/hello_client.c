/*
 * hello_client: the native side of winipc's HelloWorld sample.
 *
 * Connects to the named pipe "HelloWorld" that the Spring Boot sample app serves, sends
 * one request, prints the reply and exits 0; on any failure it prints what failed, on
 * which pipe and with which OS error, and exits 1.
 *
 *   hello_client [REQUEST]        REQUEST defaults to "Hello from C"
 *
 * The pipe name can be changed with the HELLO_PIPE environment variable.
 *
 * Windows: the Win32 pipe \\.\pipe\HelloWorld in message mode; one WriteFile is one
 * request, one message read is one reply.
 * Linux, macOS: the Unix domain socket $TMPDIR/CoreFxPipe_HelloWorld (/tmp when TMPDIR is
 * unset), where each message is a 4-byte big-endian length followed by its bytes.
 *
 * Build:  cc -Wall -Wextra -O2 -o hello_client hello_client.c
 *         x86_64-w64-mingw32-gcc -Wall -Wextra -O2 -o hello_client.exe hello_client.c
 *         cl /nologo /W4 hello_client.c
 */
#if defined(_MSC_VER)
#define _CRT_SECURE_NO_WARNINGS
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_PIPE "HelloWorld"
#define DEFAULT_REQUEST "Hello from C"
#define CONNECT_ATTEMPTS 50     /* 50 x 100 ms: the app may still be starting */
#define RETRY_MILLIS 100
#define MAX_REPLY (16 * 1024 * 1024)

static char pipe_path[512];

#ifdef _WIN32
#include <windows.h>

static int fail(const char *operation)
{
	DWORD error = GetLastError();
	char text[256] = "";
	FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, error, 0, text,
			(DWORD) sizeof(text), NULL);
	text[strcspn(text, "\r\n")] = '\0';
	fprintf(stderr, "hello_client: %s(%s) failed: error %lu: %s\n", operation, pipe_path, (unsigned long) error, text);
	return 1;
}

static void set_path(const char *name)
{
	snprintf(pipe_path, sizeof(pipe_path), "\\\\.\\pipe\\%s", name);
}

static int exchange(const char *request, char **reply, size_t *reply_length)
{
	HANDLE pipe = INVALID_HANDLE_VALUE;
	DWORD mode = PIPE_READMODE_MESSAGE;
	DWORD written = 0;
	size_t capacity = 4096;
	size_t length = 0;
	int attempt;
	for (attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
		pipe = CreateFileA(pipe_path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
		if (pipe != INVALID_HANDLE_VALUE) {
			break;
		}
		if (GetLastError() == ERROR_PIPE_BUSY) {
			/* Every instance is serving a client: wait for one to become free. */
			WaitNamedPipeA(pipe_path, RETRY_MILLIS);
		}
		else if (GetLastError() == ERROR_FILE_NOT_FOUND) {
			Sleep(RETRY_MILLIS);
		}
		else {
			break;
		}
	}
	if (pipe == INVALID_HANDLE_VALUE) {
		return fail("CreateFile");
	}
	if (!SetNamedPipeHandleState(pipe, &mode, NULL, NULL)) {
		return fail("SetNamedPipeHandleState");
	}
	if (!WriteFile(pipe, request, (DWORD) strlen(request), &written, NULL) || written != strlen(request)) {
		return fail("WriteFile");
	}
	*reply = malloc(capacity);
	if (*reply == NULL) {
		fprintf(stderr, "hello_client: out of memory reading from %s\n", pipe_path);
		return 1;
	}
	for (;;) {
		DWORD got = 0;
		BOOL done = ReadFile(pipe, *reply + length, (DWORD) (capacity - length), &got, NULL);
		length += got;
		if (done) {
			break;
		}
		if (GetLastError() != ERROR_MORE_DATA) {
			return fail("ReadFile");
		}
		/* The reply is larger than the buffer: grow it and read the rest of the message. */
		if (capacity >= MAX_REPLY) {
			fprintf(stderr, "hello_client: reply on %s exceeds %d bytes\n", pipe_path, MAX_REPLY);
			return 1;
		}
		capacity *= 2;
		*reply = realloc(*reply, capacity);
		if (*reply == NULL) {
			fprintf(stderr, "hello_client: out of memory reading from %s\n", pipe_path);
			return 1;
		}
	}
	*reply_length = length;
	CloseHandle(pipe);
	return 0;
}

#else
#include <errno.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *operation)
{
	int error = errno;
	fprintf(stderr, "hello_client: %s(%s) failed: errno %d: %s\n", operation, pipe_path, error, strerror(error));
	return 1;
}

static void set_path(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	if (name[0] == '/') {
		snprintf(pipe_path, sizeof(pipe_path), "%s", name);
	}
	else {
		snprintf(pipe_path, sizeof(pipe_path), "%s/CoreFxPipe_%s", (tmp != NULL && tmp[0] != '\0') ? tmp : "/tmp",
				name);
	}
}

static int write_fully(int sock, const void *bytes, size_t length)
{
	const char *next = bytes;
	while (length > 0) {
		ssize_t written = write(sock, next, length);
		if (written < 0) {
			if (errno == EINTR) {
				continue;
			}
			return fail("write");
		}
		next += written;
		length -= (size_t) written;
	}
	return 0;
}

static int read_fully(int sock, void *bytes, size_t length)
{
	char *next = bytes;
	while (length > 0) {
		ssize_t got = read(sock, next, length);
		if (got < 0) {
			if (errno == EINTR) {
				continue;
			}
			return fail("read");
		}
		if (got == 0) {
			fprintf(stderr, "hello_client: %s closed the connection before the whole reply arrived\n", pipe_path);
			return 1;
		}
		next += got;
		length -= (size_t) got;
	}
	return 0;
}

static int exchange(const char *request, char **reply, size_t *reply_length)
{
	struct sockaddr_un address;
	struct timespec pause = { 0, RETRY_MILLIS * 1000000L };
	unsigned char header[4];
	size_t request_length = strlen(request);
	uint32_t length;
	int sock = -1;
	int attempt;
	if (strlen(pipe_path) >= sizeof(address.sun_path)) {
		errno = ENAMETOOLONG;
		return fail("connect");
	}
	memset(&address, 0, sizeof(address));
	address.sun_family = AF_UNIX;
	strcpy(address.sun_path, pipe_path);
	for (attempt = 0; attempt < CONNECT_ATTEMPTS; attempt++) {
		sock = socket(AF_UNIX, SOCK_STREAM, 0);
		if (sock < 0) {
			return fail("socket");
		}
		if (connect(sock, (struct sockaddr *) &address, sizeof(address)) == 0) {
			break;
		}
		close(sock);
		sock = -1;
		if (errno != ENOENT && errno != ECONNREFUSED) {
			break;
		}
		/* No server yet: the app may still be starting. */
		nanosleep(&pause, NULL);
	}
	if (sock < 0) {
		return fail("connect");
	}
	header[0] = (unsigned char) (request_length >> 24);
	header[1] = (unsigned char) (request_length >> 16);
	header[2] = (unsigned char) (request_length >> 8);
	header[3] = (unsigned char) request_length;
	if (write_fully(sock, header, sizeof(header)) != 0 || write_fully(sock, request, request_length) != 0) {
		return 1;
	}
	if (read_fully(sock, header, sizeof(header)) != 0) {
		return 1;
	}
	length = ((uint32_t) header[0] << 24) | ((uint32_t) header[1] << 16) | ((uint32_t) header[2] << 8) | header[3];
	if (length > MAX_REPLY) {
		fprintf(stderr, "hello_client: reply on %s announces %lu bytes, more than %d\n", pipe_path,
				(unsigned long) length, MAX_REPLY);
		return 1;
	}
	*reply = malloc(length + 1);
	if (*reply == NULL) {
		fprintf(stderr, "hello_client: out of memory reading from %s\n", pipe_path);
		return 1;
	}
	if (read_fully(sock, *reply, length) != 0) {
		return 1;
	}
	*reply_length = length;
	close(sock);
	return 0;
}

#endif

int main(int argc, char **argv)
{
	const char *name = getenv("HELLO_PIPE");
	const char *request = (argc > 1) ? argv[1] : DEFAULT_REQUEST;
	char *reply = NULL;
	size_t reply_length = 0;
	set_path((name != NULL && name[0] != '\0') ? name : DEFAULT_PIPE);
	printf("> %s\n", request);
	fflush(stdout);
	if (exchange(request, &reply, &reply_length) != 0) {
		return 1;
	}
	printf("< %.*s\n", (int) reply_length, reply);
	free(reply);
	return 0;
}
