/*
 * sync_peer: a native peer of winipc's named mutexes, semaphores and events, written from
 * docs/wire-format.md alone. One file for both systems: on POSIX flock on
 * $TMPDIR/winipc-mutex-NAME and sem_open("/NAME"); on Win32 CreateMutexW, CreateSemaphoreW
 * and CreateEventW on Local\NAME (mingw-w64 under Wine, or MSVC on Windows).
 *
 *   sync_peer mutex-hold NAME                  take the mutex ("abandoned" first when its last
 *                                              holder died holding it), print "held", release it
 *                                              when a line "release" arrives on stdin, print
 *                                              "released"
 *   sync_peer mutex-try NAME                   take the mutex if it is free: print "acquired"
 *                                              (and release it) or "busy"
 *   sync_peer sem-work NAME SEGMENT ROUNDS     ROUNDS times: take a count of the semaphore, then
 *                                              inside the segment's counters {int32 inside,
 *                                              int32 most inside, int32 rounds} count itself in,
 *                                              pause, count itself out, give the count back;
 *                                              "ready" first, "done" last
 *   sync_peer event-set NAME                   set the event (auto-reset); "set"
 *   sync_peer event-wait NAME auto|manual      wait for the event: "set", or "timeout" after 30 s
 *   sync_peer region-signal REGION SIZE EVENT ACK COUNT
 *                                              COUNT times: write "write I" (UTF-8, NUL-terminated)
 *                                              into the region, set EVENT, wait for ACK; "done"
 *
 * NAME is as winipc writes it (Local\NAME, Global\NAME or NAME); on POSIX the namespace is
 * dropped. On POSIX an event is a semaphore: set posts unless the count is above 0, a wait
 * takes the count (a manual-reset waiter posts it back). Every wait gives up after 30 s.
 * On Windows the objects this peer creates are its user's alone; --default-security before
 * the command creates them with no security attributes instead, as classic samples do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "peer_security.h"

#define WAIT_SECONDS 30

static void fail(const char *what) {
	fprintf(stderr, "sync_peer: %s\n", what);
	exit(2);
}

static void pause_millis(int millis) {
#ifdef _WIN32
	Sleep(millis);
#else
	usleep(millis * 1000);
#endif
}

static int default_security;

#ifndef _WIN32
/* The name without a Local\ or Global\ namespace. */
static const char *bare_name(const char *name) {
	const char *slash = strchr(name, '\\');
	return slash != NULL ? slash + 1 : name;
}
#endif

/* ---- counters in a shared segment: int32 inside, int32 most inside, int32 rounds ---- */

#ifdef _WIN32
typedef volatile LONG counter_t;
static LONG add(counter_t *c, LONG delta) { return InterlockedExchangeAdd(c, delta) + delta; }
static void raise_to(counter_t *most, LONG value) {
	LONG seen = *most;
	while (value > seen) {
		LONG before = InterlockedCompareExchange(most, value, seen);
		if (before == seen) break;
		seen = before;
	}
}
#else
typedef volatile int32_t counter_t;
static int32_t add(counter_t *c, int32_t delta) { return __atomic_add_fetch(c, delta, __ATOMIC_SEQ_CST); }
static void raise_to(counter_t *most, int32_t value) {
	int32_t seen = __atomic_load_n(most, __ATOMIC_SEQ_CST);
	while (value > seen && !__atomic_compare_exchange_n(most, &seen, value, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
	}
}
#endif

/* ---- the objects, per system ---- */

#ifdef _WIN32
static void to_wide(const char *name, WCHAR *wide) {
	char full[256];
	snprintf(full, sizeof full, "%s%s", strchr(name, '\\') != NULL ? "" : "Local\\", name);
	MultiByteToWideChar(CP_UTF8, 0, full, -1, wide, 256);
}

/* The current user's security attributes, or none with --default-security. */
static SECURITY_ATTRIBUTES *security(SECURITY_ATTRIBUTES *attributes) {
	return default_security ? NULL : current_user_only(attributes);
}

typedef HANDLE mutex_t;
typedef HANDLE semaphore_t;
typedef HANDLE event_t;

static mutex_t mutex_open(const char *name) {
	WCHAR wide[256];
	SECURITY_ATTRIBUTES attributes;
	to_wide(name, wide);
	HANDLE mutex = CreateMutexW(security(&attributes), FALSE, wide);
	if (mutex == NULL) fail("CreateMutexW failed");
	return mutex;
}

/* 1 acquired, 2 acquired and abandoned, 0 busy */
static int mutex_take(mutex_t mutex, int wait) {
	DWORD result = WaitForSingleObject(mutex, wait ? WAIT_SECONDS * 1000 : 0);
	if (result == WAIT_OBJECT_0) return 1;
	if (result == WAIT_ABANDONED) return 2;
	if (result == WAIT_TIMEOUT) return 0;
	fail("WaitForSingleObject failed");
	return 0;
}

static void mutex_give(mutex_t mutex) {
	if (!ReleaseMutex(mutex)) fail("ReleaseMutex failed");
}

static semaphore_t semaphore_open(const char *name) {
	WCHAR wide[256];
	to_wide(name, wide);
	HANDLE semaphore = OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE, FALSE, wide);
	if (semaphore == NULL) fail("OpenSemaphoreW failed");
	return semaphore;
}

static int semaphore_take(semaphore_t semaphore) {
	return WaitForSingleObject(semaphore, WAIT_SECONDS * 1000) == WAIT_OBJECT_0;
}

static void semaphore_give(semaphore_t semaphore) {
	if (!ReleaseSemaphore(semaphore, 1, NULL)) fail("ReleaseSemaphore failed");
}

static event_t event_open(const char *name, int manual) {
	WCHAR wide[256];
	SECURITY_ATTRIBUTES attributes;
	to_wide(name, wide);
	HANDLE event = CreateEventW(security(&attributes), manual, FALSE, wide);
	if (event == NULL) fail("CreateEventW failed");
	return event;
}

static void event_set(event_t event) {
	if (!SetEvent(event)) fail("SetEvent failed");
}

static int event_wait(event_t event, int manual) {
	(void) manual;
	return WaitForSingleObject(event, WAIT_SECONDS * 1000) == WAIT_OBJECT_0;
}

static counter_t *map_counters(const char *name, size_t size) {
	WCHAR wide[256];
	to_wide(name, wide);
	HANDLE mapping = OpenFileMappingW(FILE_MAP_READ | FILE_MAP_WRITE, FALSE, wide);
	if (mapping == NULL) fail("OpenFileMappingW failed");
	void *view = MapViewOfFile(mapping, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, size);
	if (view == NULL) fail("MapViewOfFile failed");
	return view;
}
#else
typedef struct {
	int fd;
} mutex_t;
typedef sem_t *semaphore_t;
typedef sem_t *event_t;

static mutex_t mutex_open(const char *name) {
	char path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/winipc-mutex-%s", (tmp != NULL && *tmp) ? tmp : "/tmp", bare_name(name));
	mutex_t mutex = { open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600) };
	if (mutex.fd < 0) fail("open of the lock file failed");
	return mutex;
}

/* 1 acquired, 2 acquired and abandoned (a pid was left in the file), 0 busy */
static int mutex_take(mutex_t mutex, int wait) {
	time_t deadline = time(NULL) + WAIT_SECONDS;
	while (flock(mutex.fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) fail("flock failed");
		if (!wait || time(NULL) > deadline) return 0;
		pause_millis(1);
	}
	char previous[32] = { 0 };
	ssize_t length = pread(mutex.fd, previous, sizeof previous - 1, 0);
	char pid[32];
	int count = snprintf(pid, sizeof pid, "%ld\n", (long) getpid());
	if (ftruncate(mutex.fd, 0) != 0 || pwrite(mutex.fd, pid, count, 0) != count) fail("cannot write the pid");
	return (length > 0) ? 2 : 1;
}

static void mutex_give(mutex_t mutex) {
	if (ftruncate(mutex.fd, 0) != 0 || flock(mutex.fd, LOCK_UN) != 0) fail("cannot release the lock");
}

static sem_t *open_semaphore(const char *name, int create) {
	char posix[256];
	snprintf(posix, sizeof posix, "/%s", bare_name(name));
	sem_t *semaphore = create ? sem_open(posix, O_CREAT, 0600, 0) : sem_open(posix, 0);
	if (semaphore == SEM_FAILED) fail("sem_open failed");
	return semaphore;
}

static int timed_take(sem_t *semaphore) {
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += WAIT_SECONDS;
	while (sem_timedwait(semaphore, &deadline) != 0) {
		if (errno == ETIMEDOUT) return 0;
		if (errno != EINTR) fail("sem_timedwait failed");
	}
	return 1;
}

static semaphore_t semaphore_open(const char *name) { return open_semaphore(name, 0); }
static int semaphore_take(semaphore_t semaphore) { return timed_take(semaphore); }
static void semaphore_give(semaphore_t semaphore) {
	if (sem_post(semaphore) != 0) fail("sem_post failed");
}

static event_t event_open(const char *name, int manual) {
	(void) manual;
	return open_semaphore(name, 1);
}

static void event_set(event_t event) {
	int value = 0;
	if (sem_getvalue(event, &value) != 0) fail("sem_getvalue failed");
	if (value <= 0 && sem_post(event) != 0) fail("sem_post failed");
}

static int event_wait(event_t event, int manual) {
	if (!timed_take(event)) return 0;
	if (manual && sem_post(event) != 0) fail("sem_post failed");
	return 1;
}

static counter_t *map_counters(const char *name, size_t size) {
	char posix[256];
	snprintf(posix, sizeof posix, "/%s", bare_name(name));
	int fd = shm_open(posix, O_RDWR, 0);
	if (fd < 0) fail("shm_open failed");
	void *view = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (view == MAP_FAILED) fail("mmap failed");
	close(fd);
	return view;
}
#endif

/* ---- the commands ---- */

static int mutex_hold(const char *name) {
	mutex_t mutex = mutex_open(name);
	int taken = mutex_take(mutex, 1);
	if (taken == 0) fail("the mutex stayed busy");
	if (taken == 2) printf("abandoned\n");
	printf("held\n");
	fflush(stdout);
	char line[64];
	while (fgets(line, sizeof line, stdin) != NULL) {
		if (strncmp(line, "release", 7) == 0) {
			mutex_give(mutex);
			printf("released\n");
			return 0;
		}
	}
	fail("stdin ended before release");
	return 2;
}

static int mutex_try(const char *name) {
	mutex_t mutex = mutex_open(name);
	int taken = mutex_take(mutex, 0);
	if (taken == 0) {
		printf("busy\n");
		return 0;
	}
	mutex_give(mutex);
	printf("acquired\n");
	return 0;
}

static int sem_work(const char *name, const char *segment, int rounds) {
	semaphore_t semaphore = semaphore_open(name);
	counter_t *counters = map_counters(segment, 64);
	printf("ready\n");
	fflush(stdout);
	for (int i = 0; i < rounds; i++) {
		if (!semaphore_take(semaphore)) fail("no count within 30 s");
		raise_to(&counters[1], add(&counters[0], 1));
		pause_millis(1);
		add(&counters[2], 1);
		add(&counters[0], -1);
		semaphore_give(semaphore);
	}
	printf("done\n");
	return 0;
}

static int region_signal(const char *region, size_t size, const char *event, const char *ack, int count) {
	char *content = (char *) map_counters(region, size);
	event_t written = event_open(event, 0);
	event_t read = event_open(ack, 0);
	for (int i = 1; i <= count; i++) {
		char text[64];
		int length = snprintf(text, sizeof text, "write %d", i);
		memcpy(content, text, (size_t) length + 1);
		event_set(written);
		if (!event_wait(read, 0)) fail("no ack within 30 s");
	}
	printf("done\n");
	return 0;
}

int main(int argc, char **argv) {
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "--default-security") == 0) {
		default_security = 1;
		first = 2;
	}
	argc -= first - 1;
	argv += first - 1;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 3 && strcmp(argv[1], "mutex-hold") == 0) return mutex_hold(argv[2]);
	if (argc == 3 && strcmp(argv[1], "mutex-try") == 0) return mutex_try(argv[2]);
	if (argc == 5 && strcmp(argv[1], "sem-work") == 0) return sem_work(argv[2], argv[3], atoi(argv[4]));
	if (argc == 3 && strcmp(argv[1], "event-set") == 0) {
		event_set(event_open(argv[2], 0));
		printf("set\n");
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "event-wait") == 0) {
		int manual = strcmp(argv[3], "manual") == 0;
		event_t event = event_open(argv[2], manual);
		printf("waiting\n");
		printf(event_wait(event, manual) ? "set\n" : "timeout\n");
		return 0;
	}
	if (argc == 7 && strcmp(argv[1], "region-signal") == 0) {
		return region_signal(argv[2], (size_t) atol(argv[3]), argv[4], argv[5], atoi(argv[6]));
	}
	fprintf(stderr, "usage: see the comment at the top of sync_peer.c\n");
	return 2;
}
