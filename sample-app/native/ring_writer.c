/*
 * ring_writer: feeds the message ring Local\HelloTicks that the winipc sample app reads,
 * written from winipc's documented ring layout (docs/wire-format.md): writes COUNT text
 * records "tick N from C" and exits 0; on failure it prints what failed and exits 1.
 *
 *   ring_writer [COUNT]          COUNT defaults to 5
 *
 * The ring's name can be changed with the HELLO_RING environment variable; its capacity
 * is 65536 bytes, as the app configures it.
 *
 * The segment: a 128-byte header ("WINIPCRB", version 1, layout 1, capacity, creator
 * pid, maximum payload), then an Agrona many-to-one ring buffer: the records, then the
 * 768-byte trailer whose tail position writers advance by compare-and-set.
 *
 * Build:  cc -Wall -Wextra -O2 -o ring_writer ring_writer.c
 *         x86_64-w64-mingw32-gcc -Wall -Wextra -O2 -o ring_writer.exe ring_writer.c
 *         cl /nologo /W4 ring_writer.c
 */
#if defined(_MSC_VER)
#define _CRT_SECURE_NO_WARNINGS
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_RING "Local\\HelloTicks"
#define CAPACITY 65536
#define HEADER 128
#define TRAILER 768
#define TAIL_POSITION 128
#define HEAD_CACHE_POSITION 256
#define HEAD_POSITION 384
#define RECORD_HEADER 8

#ifdef _WIN32
#include <windows.h>
#if defined(_MSC_VER)
#include <intrin.h>
/* x64 keeps stores in order: a compiler barrier gives acquire and release */
static int64_t load_acquire(volatile int64_t *p) { int64_t v = *p; _ReadWriteBarrier(); return v; }
static void store_release32(volatile int32_t *p, int32_t v) { _ReadWriteBarrier(); *p = v; }
static void store_release64(volatile int64_t *p, int64_t v) { _ReadWriteBarrier(); *p = v; }
static int cas(volatile int64_t *p, int64_t expected, int64_t desired)
{
	return _InterlockedCompareExchange64((volatile long long *) p, desired, expected) == expected;
}
static void release_fence(void) { _ReadWriteBarrier(); }
#endif

static unsigned char *map_ring(const char *name)
{
	WCHAR wide[256];
	MultiByteToWideChar(CP_UTF8, 0, name, -1, wide, 256);
	HANDLE mapping = OpenFileMappingW(FILE_MAP_READ | FILE_MAP_WRITE, FALSE, wide);
	if (mapping == NULL) {
		fprintf(stderr, "ring_writer: OpenFileMapping(%s) failed: error %lu\n", name, (unsigned long) GetLastError());
		return NULL;
	}
	unsigned char *view = MapViewOfFile(mapping, FILE_MAP_READ | FILE_MAP_WRITE, 0, 0, HEADER + CAPACITY + TRAILER);
	if (view == NULL) {
		fprintf(stderr, "ring_writer: MapViewOfFile(%s) failed: error %lu\n", name, (unsigned long) GetLastError());
	}
	return view;
}
#else
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned char *map_ring(const char *name)
{
	const char *slash = strchr(name, '\\');
	char path[256];
	snprintf(path, sizeof(path), "/%s", slash != NULL ? slash + 1 : name);
	int fd = shm_open(path, O_RDWR, 0);
	if (fd < 0) {
		fprintf(stderr, "ring_writer: shm_open(%s) failed: %s\n", path, strerror(errno));
		return NULL;
	}
	void *view = mmap(NULL, HEADER + CAPACITY + TRAILER, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (view == MAP_FAILED) {
		fprintf(stderr, "ring_writer: mmap(%s) failed: %s\n", path, strerror(errno));
		return NULL;
	}
	return view;
}
#endif

#if !defined(_MSC_VER)
static int64_t load_acquire(volatile int64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static void store_release32(volatile int32_t *p, int32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static void store_release64(volatile int64_t *p, int64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static int cas(volatile int64_t *p, int64_t expected, int64_t desired)
{
	return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static void release_fence(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
#endif

static int valid_header(const unsigned char *base)
{
	int32_t version, layout;
	int64_t capacity;
	memcpy(&version, base + 8, 4);
	memcpy(&layout, base + 12, 4);
	memcpy(&capacity, base + 16, 8);
	return memcmp(base, "WINIPCRB", 8) == 0 && version == 1 && layout == 1 && capacity == CAPACITY;
}

/* Claim REQUIRED bytes at the tail (padding to the end first when they do not fit
 * before it); return their index, or -1 while the ring is full. */
static int64_t claim(unsigned char *records, int64_t required)
{
	unsigned char *trailer = records + CAPACITY;
	volatile int64_t *tail_position = (volatile int64_t *) (trailer + TAIL_POSITION);
	volatile int64_t *head_cache = (volatile int64_t *) (trailer + HEAD_CACHE_POSITION);
	volatile int64_t *head_position = (volatile int64_t *) (trailer + HEAD_POSITION);
	int64_t head = load_acquire(head_cache), tail, new_tail, tail_index, padding, index;
	do {
		tail = load_acquire(tail_position);
		if (required > CAPACITY - (tail - head)) {
			head = load_acquire(head_position);
			if (required > CAPACITY - (tail - head)) {
				return -1;
			}
			store_release64(head_cache, head);
		}
		new_tail = tail + required;
		padding = 0;
		tail_index = tail & (CAPACITY - 1);
		index = tail_index;
		if (required > CAPACITY - tail_index) {
			int64_t head_index = head & (CAPACITY - 1);
			index = 0;
			if (required > head_index) {
				head = load_acquire(head_position);
				head_index = head & (CAPACITY - 1);
				if (required > head_index) {
					index = -1;
					new_tail = tail;
				}
				store_release64(head_cache, head);
			}
			padding = CAPACITY - tail_index;
			new_tail += padding;
		}
	} while (!cas(tail_position, tail, new_tail));
	if (padding != 0) {
		unsigned char *record = records + tail_index;
		int32_t type = -1;
		store_release32((volatile int32_t *) record, (int32_t) -padding);
		release_fence();
		memcpy(record + 4, &type, 4);
		store_release32((volatile int32_t *) record, (int32_t) padding);
	}
	return index;
}

int main(int argc, char **argv)
{
	const char *name = getenv("HELLO_RING");
	if (name == NULL || name[0] == '\0') {
		name = DEFAULT_RING;
	}
	int count = (argc > 1) ? atoi(argv[1]) : 5;
	unsigned char *base = map_ring(name);
	if (base == NULL) {
		return 1;
	}
	if (!valid_header(base)) {
		fprintf(stderr, "ring_writer: %s is not a winipc ring of capacity %d\n", name, CAPACITY);
		return 1;
	}
	unsigned char *records = base + HEADER;
	for (int i = 1; i <= count; i++) {
		char text[64];
		int length = snprintf(text, sizeof(text), "tick %d from C", i);
		int32_t record_length = RECORD_HEADER + length, type = 1;
		int64_t index;
		int waited = 0;
		while ((index = claim(records, (record_length + 7) & ~7)) < 0) {
			if (++waited > 5000000) {
				fprintf(stderr, "ring_writer: %s stayed full\n", name);
				return 1;
			}
		}
		unsigned char *record = records + index;
		store_release32((volatile int32_t *) record, -record_length);
		release_fence();
		memcpy(record + RECORD_HEADER, text, (size_t) length);
		memcpy(record + 4, &type, 4);
		store_release32((volatile int32_t *) record, record_length);
		printf("wrote \"%s\" into %s\n", text, name);
	}
	return 0;
}
