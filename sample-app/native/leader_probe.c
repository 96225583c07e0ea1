/*
 * leader_probe: tells whether a process of this machine holds the named mutex through
 * which instances of the winipc sample app elect the one that reads the ring
 * Local\HelloTicks. It takes the mutex without waiting: it prints "held: another process
 * leads" and exits 0 when someone holds it, "free: no instance leads" (after giving it
 * straight back) and exits 0 when nobody does; on failure it prints what failed and
 * exits 1.
 *
 * The name is Local\HelloWorld-ticks-reader (winipc.locks.name-prefix + the role), or
 * what the HELLO_MUTEX environment variable says.
 *
 * Windows: CreateMutexW + WaitForSingleObject(0) (WAIT_ABANDONED: its holder died).
 * Linux, macOS: flock(LOCK_EX | LOCK_NB) on $TMPDIR/winipc-mutex-NAME (the Local\ prefix
 * is dropped), the lock winipc takes; a holder writes its pid into the file.
 *
 * Build:  cc -Wall -Wextra -O2 -o leader_probe leader_probe.c
 *         x86_64-w64-mingw32-gcc -Wall -Wextra -O2 -o leader_probe.exe leader_probe.c
 *         cl /nologo /W4 leader_probe.c
 */
#if defined(_MSC_VER)
#define _CRT_SECURE_NO_WARNINGS
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MUTEX "Local\\HelloWorld-ticks-reader"

#ifdef _WIN32
#include <windows.h>

/* 1 held by another process, 0 free, -1 failed */
static int probe(const char *name)
{
	WCHAR wide[256];
	MultiByteToWideChar(CP_UTF8, 0, name, -1, wide, 256);
	HANDLE mutex = CreateMutexW(NULL, FALSE, wide);
	if (mutex == NULL) {
		fprintf(stderr, "leader_probe: CreateMutex(%s) failed: error %lu\n", name, (unsigned long) GetLastError());
		return -1;
	}
	DWORD result = WaitForSingleObject(mutex, 0);
	if (result == WAIT_OBJECT_0 || result == WAIT_ABANDONED) {
		ReleaseMutex(mutex);
		CloseHandle(mutex);
		return 0;
	}
	CloseHandle(mutex);
	return (result == WAIT_TIMEOUT) ? 1 : -1;
}
#else
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

static int probe(const char *name)
{
	const char *slash = strchr(name, '\\');
	const char *tmp = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/winipc-mutex-%s", (tmp != NULL && *tmp) ? tmp : "/tmp",
			slash != NULL ? slash + 1 : name);
	int fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0) {
		/* no lock file: no instance ever took the mutex */
		return (errno == ENOENT) ? 0 : -1;
	}
	int held = flock(fd, LOCK_EX | LOCK_NB) != 0;
	if (held && errno != EWOULDBLOCK) {
		fprintf(stderr, "leader_probe: flock(%s) failed: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return held;
}
#endif

int main(void)
{
	const char *name = getenv("HELLO_MUTEX");
	if (name == NULL || *name == '\0') {
		name = DEFAULT_MUTEX;
	}
	int held = probe(name);
	if (held < 0) {
		return 1;
	}
	printf(held ? "held: another process leads\n" : "free: no instance leads\n");
	return 0;
}
