/*
 * winipc's message ring, written from docs/wire-format.md for the native peers
 * (shm_peer.c for the tests, the benchmarks' bench_peer.c): the 128-byte winipc header,
 * then Agrona's many-to-one ring buffer — the records, then the 768-byte trailer whose
 * tail position writers advance by compare-and-set. Mapping the segment is each peer's
 * own; this file works on the mapped bytes.
 */
#ifndef PEER_RING_H
#define PEER_RING_H

#include <stdint.h>
#include <string.h>

/* ---- atomics: C11-style acquire/release on aligned little-endian fields ---- */

#if defined(_MSC_VER)
#include <intrin.h>
/* x64 is totally store ordered: a compiler barrier gives acquire and release. */
static inline int32_t load_acquire32(volatile int32_t *p) { int32_t v = *p; _ReadWriteBarrier(); return v; }
static inline int64_t load_acquire64(volatile int64_t *p) { int64_t v = *p; _ReadWriteBarrier(); return v; }
static inline void store_release32(volatile int32_t *p, int32_t v) { _ReadWriteBarrier(); *p = v; }
static inline void store_release64(volatile int64_t *p, int64_t v) { _ReadWriteBarrier(); *p = v; }
static inline int cas64(volatile int64_t *p, int64_t expected, int64_t desired) {
	return _InterlockedCompareExchange64((volatile long long *) p, desired, expected) == expected;
}
static inline void release_fence(void) { _ReadWriteBarrier(); }
static inline void acquire_fence(void) { _ReadWriteBarrier(); }
#else
static inline int32_t load_acquire32(volatile int32_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline int64_t load_acquire64(volatile int64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void store_release32(volatile int32_t *p, int32_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline void store_release64(volatile int64_t *p, int64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline int cas64(volatile int64_t *p, int64_t expected, int64_t desired) {
	return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline void release_fence(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void acquire_fence(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
#endif

static inline int64_t get64(const unsigned char *p) { int64_t v; memcpy(&v, p, 8); return v; }
static inline int32_t get32(const unsigned char *p) { int32_t v; memcpy(&v, p, 4); return v; }
static inline void put64(unsigned char *p, int64_t v) { memcpy(p, &v, 8); }
static inline void put32(unsigned char *p, int32_t v) { memcpy(p, &v, 4); }

/* ---- the winipc header (ring and seqlock) ---- */

#define RING_HEADER 128
#define RING_TRAILER 768
#define SEQLOCK_HEADER 64
#define TAIL_POSITION 128
#define HEAD_CACHE_POSITION 256
#define HEAD_POSITION 384
#define RECORD_HEADER 8
#define PADDING_TYPE (-1)
#define MESSAGE_TYPE 1
#define RING_LAYOUT 1
#define SEQLOCK_LAYOUT 3

/* the 8 bytes of each magic (the string's NUL is not part of it) */
#define RING_MAGIC "WINIPCRB"
#define SEQLOCK_MAGIC "WINIPCSL"

/* Write a new segment's header, the magic last, as a creator does. */
static inline void header_initialise(unsigned char *base, const char *magic, int32_t layout, int64_t capacity,
		int64_t pid) {
	put32(base + 8, 1);
	put32(base + 12, layout);
	put64(base + 16, capacity);
	put64(base + 24, pid);
	if (layout == RING_LAYOUT) put32(base + 32, (int32_t) (capacity / 8));
	int64_t m;
	memcpy(&m, magic, 8);
	store_release64((volatile int64_t *) base, m);
}

/* Whether the creator has written the magic yet. */
static inline int header_published(unsigned char *base, const char *magic) {
	int64_t m;
	memcpy(&m, magic, 8);
	return load_acquire64((volatile int64_t *) base) == m;
}

/* What is wrong with a published header, or NULL. */
static inline const char *header_mismatch(const unsigned char *base, int32_t layout, int64_t capacity) {
	if (get32(base + 8) != 1) return "header version is not 1";
	if (get32(base + 12) != layout) return "header layout does not match";
	if (get64(base + 16) != capacity) return "header capacity does not match";
	if (layout == RING_LAYOUT && get32(base + 32) != (int32_t) (capacity / 8)) {
		return "header maximum payload is not capacity / 8";
	}
	return NULL;
}

/* ---- the ring: Agrona's many-to-one ring buffer after the header ---- */

typedef struct {
	unsigned char *records;
	int64_t capacity;
	volatile int64_t *tail;
	volatile int64_t *head_cache;
	volatile int64_t *head;
} ring_t;

/* The ring of a mapped segment whose header is valid. */
static inline ring_t ring_of(unsigned char *base, int64_t capacity) {
	ring_t ring;
	ring.records = base + RING_HEADER;
	ring.capacity = capacity;
	unsigned char *trailer = ring.records + capacity;
	ring.tail = (volatile int64_t *) (trailer + TAIL_POSITION);
	ring.head_cache = (volatile int64_t *) (trailer + HEAD_CACHE_POSITION);
	ring.head = (volatile int64_t *) (trailer + HEAD_POSITION);
	return ring;
}

/* Claim REQUIRED (aligned) bytes; return their index, or -1 when the ring is full. */
static inline int64_t ring_claim(ring_t *ring, int64_t required) {
	int64_t capacity = ring->capacity, mask = capacity - 1;
	int64_t head = load_acquire64(ring->head_cache);
	int64_t tail, new_tail, tail_index, padding, write_index;
	do {
		tail = load_acquire64(ring->tail);
		if (required > capacity - (tail - head)) {
			head = load_acquire64(ring->head);
			if (required > capacity - (tail - head)) return -1;
			store_release64(ring->head_cache, head);
		}
		new_tail = tail + required;
		padding = 0;
		tail_index = tail & mask;
		write_index = tail_index;
		int64_t to_end = capacity - tail_index;
		if (required > to_end) {
			int64_t head_index = head & mask;
			write_index = 0;
			if (required > head_index) {
				head = load_acquire64(ring->head);
				head_index = head & mask;
				if (required > head_index) {
					write_index = -1; /* pad to the end only */
					new_tail = tail;
				}
				store_release64(ring->head_cache, head);
			}
			padding = to_end;
			new_tail += padding;
		}
	} while (!cas64(ring->tail, tail, new_tail));
	if (padding != 0) {
		unsigned char *record = ring->records + tail_index;
		store_release32((volatile int32_t *) record, (int32_t) -padding);
		release_fence();
		put32(record + 4, PADDING_TYPE);
		store_release32((volatile int32_t *) record, (int32_t) padding);
	}
	return write_index;
}

/* Write one record if it fits now: 1, or 0 when the ring is full. */
static inline int ring_try_write(ring_t *ring, const void *payload, int32_t length) {
	int32_t record_length = length + RECORD_HEADER;
	int64_t index = ring_claim(ring, (record_length + 7) & ~7);
	if (index < 0) return 0;
	unsigned char *record = ring->records + index;
	store_release32((volatile int32_t *) record, -record_length);
	release_fence();
	memcpy(record + RECORD_HEADER, payload, (size_t) length);
	put32(record + 4, MESSAGE_TYPE);
	store_release32((volatile int32_t *) record, record_length);
	return 1;
}

typedef void (*ring_handler)(const unsigned char *payload, int32_t length, void *context);

/* Read the finished records up to the end of the buffer, handing each message to HANDLER;
 * return how many, or -1 when a record's length points outside the ring. */
static inline int ring_read(ring_t *ring, ring_handler handler, void *context) {
	int64_t capacity = ring->capacity;
	int64_t head = *ring->head; /* only the reader writes it */
	int64_t head_index = head & (capacity - 1);
	int64_t max_block = capacity - head_index, bytes_read = 0;
	int messages = 0;
	while (bytes_read < max_block) {
		unsigned char *record = ring->records + head_index + bytes_read;
		int32_t length = load_acquire32((volatile int32_t *) record);
		if (length <= 0) break;
		if (length < RECORD_HEADER || length > max_block - bytes_read) return -1;
		int32_t aligned = (length + 7) & ~7;
		if (get32(record + 4) != PADDING_TYPE) {
			handler(record + RECORD_HEADER, length - RECORD_HEADER, context);
			messages++;
		}
		memset(record, 0, (size_t) aligned);
		bytes_read += aligned;
	}
	if (bytes_read > 0) store_release64(ring->head, head + bytes_read);
	return messages;
}

#endif
