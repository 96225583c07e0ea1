/*
 * shm_peer: a native peer of winipc's shared-memory layouts, written from
 * docs/wire-format.md alone. One file for both systems: POSIX shm_open/mmap, or Win32
 * CreateFileMapping/MapViewOfFile (mingw-w64 under Wine, or MSVC on Windows).
 *
 *   shm_peer ring-write NAME CAPACITY WRITER COUNT   open a ring, write COUNT records
 *                                                     {u32 writer, u32 sequence}; "done"
 *   shm_peer ring-write-text NAME CAPACITY TEXT...   open a ring, write each TEXT as a record
 *   shm_peer ring-abandon NAME CAPACITY              open a ring, claim a record and exit
 *                                                     without finishing it, as a crash would
 *   shm_peer ring-read NAME CAPACITY COUNT           create or open a ring, print COUNT
 *                                                     records as lines, "done"
 *   shm_peer region-write NAME SIZE ENCODING TEXT    create or open a region, write TEXT
 *                                                     (ENCODING utf-8 or utf-16le, NUL-terminated)
 *   shm_peer region-read NAME SIZE ENCODING TEXT     open a region, wait until it holds TEXT
 *   shm_peer seqlock-write NAME SIZE COUNT           open a seqlock region, write COUNT
 *                                                     contents, each SIZE copies of one byte
 *   shm_peer seqlock-read NAME SIZE TEXT             open a seqlock region, wait for TEXT
 *
 * NAME is as winipc writes it (Local\NAME, Global\NAME or NAME); on POSIX the namespace is
 * dropped and the segment is shm_open("/NAME"). Every wait gives up after 30 seconds.
 * On Windows a mapping this peer creates is owned by its user and open to that user only;
 * --default-security before the command creates it with no security attributes instead,
 * as the classic samples do. On POSIX a segment this peer creates is mode 0600;
 * --open-to-all before the command makes it 0666, as a squatter's would be.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "peer_ring.h"

#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

static void fail(const char *what) {
	fprintf(stderr, "shm_peer: %s\n", what);
	exit(2);
}

static void pause_briefly(void) {
#ifdef _WIN32
	Sleep(1);
#else
	usleep(1000);
#endif
}

static void yield_cpu(void) {
#ifdef _WIN32
	SwitchToThread();
#else
	sched_yield();
#endif
}

static time_t deadline(void) { return time(NULL) + 30; }

static int default_security;

static int open_to_all;

#include "peer_security.h"

/* ---- mapping a named segment ---- */

#ifndef _WIN32
/* The name without a Local\ or Global\ namespace. */
static const char *bare_name(const char *name) {
	const char *slash = strchr(name, '\\');
	return slash != NULL ? slash + 1 : name;
}
#endif

/* Map SIZE bytes of segment NAME; create it (zero-filled) when CREATE and missing.
 * Returns NULL when it does not exist (and CREATE is 0) or is not yet SIZE bytes. */
static unsigned char *map_segment(const char *name, size_t size, int create, int *created) {
	*created = 0;
#ifdef _WIN32
	WCHAR wide[256];
	char full[256];
	snprintf(full, sizeof full, "%s%s", strchr(name, '\\') != NULL ? "" : "Local\\", name);
	MultiByteToWideChar(CP_UTF8, 0, full, -1, wide, 256);
	HANDLE mapping;
	if (create) {
		SECURITY_ATTRIBUTES attributes;
		mapping = CreateFileMappingW(INVALID_HANDLE_VALUE, default_security ? NULL : current_user_only(&attributes),
				PAGE_READWRITE, 0, (DWORD) size, wide);
		*created = mapping != NULL && GetLastError() != ERROR_ALREADY_EXISTS;
	}
	else {
		mapping = OpenFileMappingW(FILE_MAP_READ | FILE_MAP_WRITE, FALSE, wide);
	}
	if (mapping == NULL) return NULL;
	/* the handle stays open while the process runs: it keeps the mapping alive */
	return MapViewOfFile(mapping, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, size);
#else
	char path[256];
	snprintf(path, sizeof path, "/%s", bare_name(name));
	int fd = -1;
	if (create) {
		fd = shm_open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) {
			*created = 1;
			if (ftruncate(fd, (off_t) size) != 0) fail("ftruncate failed");
			/* fchmod, not the creation mode: the umask does not apply to it */
			if (open_to_all && fchmod(fd, 0666) != 0) fail("fchmod failed");
		}
	}
	if (fd < 0) fd = shm_open(path, O_RDWR, 0);
	if (fd < 0) return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || (size_t) st.st_size < size) {
		close(fd);
		return NULL;
	}
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
#endif
}

static unsigned char *await_segment(const char *name, size_t size, int create, int *created) {
	time_t until = deadline();
	for (;;) {
		unsigned char *p = map_segment(name, size, create, created);
		if (p != NULL) return p;
		if (time(NULL) > until) fail("the segment did not appear");
		pause_briefly();
	}
}

/* ---- the header and the ring (peer_ring.h) on a mapped segment ---- */

static void initialise(unsigned char *base, const char *magic, int32_t layout, int64_t capacity) {
#ifdef _WIN32
	header_initialise(base, magic, layout, capacity, (int64_t) GetCurrentProcessId());
#else
	header_initialise(base, magic, layout, capacity, (int64_t) getpid());
#endif
}

static void validate(unsigned char *base, const char *magic, int32_t layout, int64_t capacity) {
	time_t until = deadline();
	while (!header_published(base, magic)) {
		if (time(NULL) > until) fail("no valid magic in the header");
		pause_briefly();
	}
	const char *mismatch = header_mismatch(base, layout, capacity);
	if (mismatch != NULL) fail(mismatch);
}

static ring_t open_ring(const char *name, int64_t capacity, int create) {
	int created;
	unsigned char *base = await_segment(name, (size_t) (RING_HEADER + capacity + RING_TRAILER), create, &created);
	if (created) initialise(base, RING_MAGIC, RING_LAYOUT, capacity);
	else validate(base, RING_MAGIC, RING_LAYOUT, capacity);
	return ring_of(base, capacity);
}

static void ring_write(ring_t *ring, const void *payload, int32_t length) {
	if (length > ring->capacity / 8) fail("record larger than capacity / 8");
	time_t until = 0;
	unsigned spins = 0;
	while (!ring_try_write(ring, payload, length)) {
		if (until == 0) until = deadline();
		else if (time(NULL) > until) fail("the ring stayed full");
		if (++spins % 64 == 0) pause_briefly(); else yield_cpu();
	}
}

static void print_record(const unsigned char *payload, int32_t length, void *context) {
	(void) context;
	printf("%.*s\n", (int) length, (const char *) payload);
}

/* Print the records there are up to the end of the buffer; return how many. */
static int ring_print(ring_t *ring) {
	int messages = ring_read(ring, print_record, NULL);
	if (messages < 0) fail("record length points outside the ring");
	fflush(stdout);
	return messages;
}

/* ---- text encodings of a region ---- */

/* UTF-8 (BMP only) to NUL-terminated UTF-16LE; returns the bytes written with the NUL. */
static size_t to_utf16(const char *text, unsigned char *out, size_t room) {
	size_t n = 0;
	const unsigned char *s = (const unsigned char *) text;
	while (*s && n + 4 <= room) {
		unsigned c = *s++;
		if (c >= 0xE0) { c = ((c & 0x0F) << 12) | ((s[0] & 0x3F) << 6) | (s[1] & 0x3F); s += 2; }
		else if (c >= 0xC0) { c = ((c & 0x1F) << 6) | (s[0] & 0x3F); s += 1; }
		out[n++] = (unsigned char) (c & 0xFF);
		out[n++] = (unsigned char) (c >> 8);
	}
	out[n++] = 0;
	out[n++] = 0;
	return n;
}

static size_t encode(const char *encoding, const char *text, unsigned char *out, size_t room) {
	if (strcmp(encoding, "utf-16le") == 0) return to_utf16(text, out, room);
	size_t length = strlen(text);
	if (length + 1 > room) fail("text does not fit");
	memcpy(out, text, length + 1);
	return length + 1;
}

int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "--default-security") == 0) {
		default_security = 1;
		argv++;
		argc--;
	}
	if (argc > 1 && strcmp(argv[1], "--open-to-all") == 0) {
		open_to_all = 1;
		argv++;
		argc--;
	}
	if (argc < 4) fail("usage: see the comment at the top of shm_peer.c");
	const char *command = argv[1], *name = argv[2];
	int64_t size = strtoll(argv[3], NULL, 10);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(command, "ring-write") == 0 && argc == 6) {
		ring_t ring = open_ring(name, size, 0);
		uint32_t writer = (uint32_t) strtoul(argv[4], NULL, 10);
		long count = strtol(argv[5], NULL, 10);
		printf("ready\n");
		for (long i = 0; i < count; i++) {
			uint32_t payload[2] = { writer, (uint32_t) i };
			ring_write(&ring, payload, sizeof payload);
		}
		printf("done\n");
		return 0;
	}
	if (strcmp(command, "ring-write-text") == 0) {
		ring_t ring = open_ring(name, size, 0);
		for (int i = 4; i < argc; i++) ring_write(&ring, argv[i], (int32_t) strlen(argv[i]));
		printf("done\n");
		return 0;
	}
	if (strcmp(command, "ring-abandon") == 0 && argc == 4) {
		ring_t ring = open_ring(name, size, 0);
		int64_t index = ring_claim(&ring, 16);
		if (index < 0) fail("the ring is full");
		store_release32((volatile int32_t *) (ring.records + index), -12);
		printf("abandoned\n");
		return 0;
	}
	if (strcmp(command, "ring-read") == 0 && argc == 5) {
		ring_t ring = open_ring(name, size, 1);
		long count = strtol(argv[4], NULL, 10), seen = 0;
		printf("ready\n");
		time_t until = deadline();
		while (seen < count) {
			int read = ring_print(&ring);
			seen += read;
			if (read == 0) {
				if (time(NULL) > until) fail("records missing");
				pause_briefly();
			}
		}
		printf("done\n");
		return 0;
	}
	if (strcmp(command, "region-write") == 0 && argc == 6) {
		int created;
		unsigned char *region = await_segment(name, (size_t) size, 1, &created);
		size_t written = encode(argv[4], argv[5], region, (size_t) size);
		memset(region + written, 0, (size_t) size - written);
		printf("written\n");
		return 0;
	}
	if (strcmp(command, "region-read") == 0 && argc == 6) {
		int created;
		unsigned char *region = await_segment(name, (size_t) size, 0, &created);
		unsigned char *expected = calloc(1, (size_t) size + 4);
		size_t length = encode(argv[4], argv[5], expected, (size_t) size);
		time_t until = deadline();
		while (memcmp(region, expected, length) != 0) {
			if (time(NULL) > until) fail("the region never held the text");
			pause_briefly();
		}
		printf("read: %s\n", argv[5]);
		return 0;
	}
	if (strcmp(command, "seqlock-write") == 0 && argc == 5) {
		int created;
		unsigned char *base = await_segment(name, (size_t) (SEQLOCK_HEADER + size), 0, &created);
		validate(base, SEQLOCK_MAGIC, SEQLOCK_LAYOUT, size);
		volatile int64_t *sequence = (volatile int64_t *) (base + 32);
		long count = strtol(argv[4], NULL, 10);
		printf("ready\n");
		for (long i = 0; i < count; i++) {
			int64_t s;
			do {
				s = load_acquire64(sequence);
			} while ((s & 1) != 0 || !cas64(sequence, s, s + 1));
			release_fence();
			put32(base + 40, (int32_t) size);
			memset(base + SEQLOCK_HEADER, 'a' + (int) (i % 26), (size_t) size);
			store_release64(sequence, s + 2);
		}
		printf("done\n");
		return 0;
	}
	if (strcmp(command, "seqlock-read") == 0 && argc == 5) {
		int created;
		unsigned char *base = await_segment(name, (size_t) (SEQLOCK_HEADER + size), 0, &created);
		validate(base, SEQLOCK_MAGIC, SEQLOCK_LAYOUT, size);
		volatile int64_t *sequence = (volatile int64_t *) (base + 32);
		size_t want = strlen(argv[4]);
		char *copy = malloc((size_t) size + 1);
		time_t until = deadline();
		for (;;) {
			int64_t before = load_acquire64(sequence);
			if ((before & 1) == 0 && before != 0) {
				int32_t length = get32(base + 40);
				if (length >= 0 && length <= size) {
					memcpy(copy, base + SEQLOCK_HEADER, (size_t) length);
					acquire_fence();
					if (load_acquire64(sequence) == before && (size_t) length == want && memcmp(copy, argv[4], want) == 0) {
						printf("read: %s\n", argv[4]);
						return 0;
					}
				}
			}
			if (time(NULL) > until) fail("the seqlock region never held the text");
			pause_briefly();
		}
	}
	fail("unknown command or wrong arguments");
	return 2;
}
