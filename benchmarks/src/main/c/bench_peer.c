/*
 * The native side of winipc's benchmarks: writers, readers and ping clients over a Unix
 * domain stream socket or TCP loopback, speaking the "message" framing (a 4-byte
 * big-endian length, then the bytes) that winipc's pipes and Spring Integration's
 * ByteArrayLengthHeaderSerializer(4) both speak. One write per message, as a native
 * program sending messages one at a time does.
 *
 *   bench_peer write ADDRESS COUNT SIZE        connect, send COUNT messages of SIZE bytes as fast as
 *                                              possible, close; print "sent <n> in <ns> ns"
 *   bench_peer read ADDRESS COUNT              serve one client: read COUNT messages; print
 *                                              "read <n> in <ns> ns" (from the first byte to the last)
 *   bench_peer ping ADDRESS COUNT SIZE WARMUP  connect, WARMUP then COUNT round trips of SIZE bytes, each
 *                                              waiting for the reply; print "rtt p50 <ns> p99 <ns> mean <ns>"
 *   bench_peer pong ADDRESS                    serve clients one after another, echoing every message
 *
 * ADDRESS is a socket path, or tcp:PORT for 127.0.0.1:PORT. A server prints "ready" once
 * it listens.
 *
 * Mailslots (on POSIX an AF_UNIX datagram socket, one datagram per message):
 *
 *   bench_peer dgram-write PATH COUNT SIZE     send COUNT datagrams of SIZE bytes; "sent <n> in <ns> ns"
 *   bench_peer dgram-read PATH COUNT           bind PATH, "ready", receive COUNT; "read <n> in <ns> ns"
 *
 * winipc's message ring (docs/wire-format.md, through peer_ring.h), segment /NAME:
 *
 *   bench_peer ring-write NAME CAPACITY COUNT SIZE  open the ring, write COUNT records of SIZE bytes,
 *                                              spinning while it is full; "sent <n> in <ns> ns"
 *   bench_peer ring-read NAME CAPACITY COUNT   create the ring, "ready", read COUNT records;
 *                                              "read <n> in <ns> ns"; remove it
 *   bench_peer ring-stamp NAME CAPACITY COUNT GAP_NS  open the ring, write COUNT 64-byte records
 *                                              GAP_NS apart, each starting with CLOCK_MONOTONIC's
 *                                              nanoseconds (little-endian) when written; "sent ..."
 *   bench_peer ring-latency NAME CAPACITY COUNT  create the ring, "ready", read COUNT stamped
 *                                              records; "latency p50 <ns> p99 <ns> mean <ns>"
 *
 * Exit status 0 = success.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "peer_ring.h"

static void fail(const char *what, const char *address) {
	fprintf(stderr, "%s(%s) failed: errno %d (%s)\n", what, address, errno, strerror(errno));
	exit(2);
}

static long long now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int is_tcp(const char *address) {
	return strncmp(address, "tcp:", 4) == 0;
}

static int open_socket(const char *address, int server) {
	int fd;
	if (is_tcp(address)) {
		struct sockaddr_in in;
		int one = 1;
		memset(&in, 0, sizeof in);
		in.sin_family = AF_INET;
		in.sin_port = htons((uint16_t) atoi(address + 4));
		in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0) fail("socket", address);
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (server) {
			setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
			if (bind(fd, (struct sockaddr *) &in, sizeof in) < 0) fail("bind", address);
			return fd;
		}
		for (int attempt = 0; attempt < 1000; attempt++) {
			if (connect(fd, (struct sockaddr *) &in, sizeof in) == 0) return fd;
			close(fd);
			usleep(10000);
			fd = socket(AF_INET, SOCK_STREAM, 0);
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		}
		fail("connect", address);
	}
	struct sockaddr_un un;
	memset(&un, 0, sizeof un);
	un.sun_family = AF_UNIX;
	strncpy(un.sun_path, address, sizeof un.sun_path - 1);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0) fail("socket", address);
	if (server) {
		unlink(address);
		if (bind(fd, (struct sockaddr *) &un, sizeof un) < 0) fail("bind", address);
		return fd;
	}
	for (int attempt = 0; attempt < 1000; attempt++) {
		if (connect(fd, (struct sockaddr *) &un, sizeof un) == 0) return fd;
		close(fd);
		usleep(10000);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
	}
	fail("connect", address);
	return -1;
}

static int write_all(int fd, const char *p, size_t n) {
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) return -1;
		p += w;
		n -= (size_t) w;
	}
	return 0;
}

/* a reader buffered like any native program's */
struct input {
	int fd;
	char buffer[65536];
	size_t start;
	size_t end;
};

static int read_exact(struct input *in, char *target, size_t n) {
	while (n > 0) {
		if (in->start == in->end) {
			ssize_t got = read(in->fd, in->buffer, sizeof in->buffer);
			if (got < 0 && errno == EINTR) continue;
			if (got <= 0) return -1;
			in->start = 0;
			in->end = (size_t) got;
		}
		size_t take = in->end - in->start < n ? in->end - in->start : n;
		memcpy(target, in->buffer + in->start, take);
		in->start += take;
		target += take;
		n -= take;
	}
	return 0;
}

static long read_message(struct input *in, char *buffer, size_t capacity) {
	unsigned char header[4];
	if (read_exact(in, (char *) header, 4) < 0) return -1;
	uint32_t length = ((uint32_t) header[0] << 24) | ((uint32_t) header[1] << 16) | ((uint32_t) header[2] << 8) | header[3];
	if (length > capacity) return -1;
	if (read_exact(in, buffer, length) < 0) return -1;
	return (long) length;
}

static char *frame_of(size_t size) {
	char *frame = malloc(size + 4);
	frame[0] = (char) (size >> 24);
	frame[1] = (char) (size >> 16);
	frame[2] = (char) (size >> 8);
	frame[3] = (char) size;
	for (size_t i = 0; i < size; i++) frame[4 + i] = (char) ('a' + i % 26);
	return frame;
}

static int run_write(const char *address, long count, size_t size) {
	char *frame = frame_of(size);
	int fd = open_socket(address, 0);
	long long start = now_ns();
	for (long i = 0; i < count; i++) {
		if (write_all(fd, frame, size + 4) < 0) fail("write", address);
	}
	long long took = now_ns() - start;
	close(fd);
	printf("sent %ld in %lld ns\n", count, took);
	return 0;
}

static int run_read(const char *address, long count) {
	static struct input in;
	static char message[1 << 20];
	int server = open_socket(address, 1);
	if (listen(server, 16) < 0) fail("listen", address);
	printf("ready\n");
	fflush(stdout);
	in.fd = accept(server, NULL, NULL);
	if (in.fd < 0) fail("accept", address);
	if (!is_tcp(address)) unlink(address); /* its one client is connected */
	long long start = 0;
	for (long i = 0; i < count; i++) {
		if (read_message(&in, message, sizeof message) < 0) fail("read", address);
		if (i == 0) start = now_ns();
	}
	long long took = now_ns() - start;
	printf("read %ld in %lld ns\n", count, took);
	return 0;
}

static int compare(const void *a, const void *b) {
	long long x = *(const long long *) a, y = *(const long long *) b;
	return (x > y) - (x < y);
}

static int run_ping(const char *address, long count, size_t size, long warmup) {
	static struct input in;
	static char reply[1 << 20];
	char *frame = frame_of(size);
	long long *samples = malloc(sizeof(long long) * (size_t) count);
	in.fd = open_socket(address, 0);
	long long total = 0;
	for (long i = -warmup; i < count; i++) {
		long long start = now_ns();
		if (write_all(in.fd, frame, size + 4) < 0) fail("write", address);
		if (read_message(&in, reply, sizeof reply) < 0) fail("read", address);
		long long took = now_ns() - start;
		if (i >= 0) {
			samples[i] = took;
			total += took;
		}
	}
	close(in.fd);
	qsort(samples, (size_t) count, sizeof samples[0], compare);
	printf("rtt p50 %lld p99 %lld mean %lld\n", samples[count / 2], samples[(count * 99) / 100], total / count);
	return 0;
}

static int run_pong(const char *address) __attribute__((noreturn));
static int run_pong(const char *address) {
	static struct input in;
	static char message[(1 << 20) + 4];
	int server = open_socket(address, 1);
	if (listen(server, 16) < 0) fail("listen", address);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		in.fd = accept(server, NULL, NULL);
		in.start = in.end = 0;
		long n;
		while ((n = read_message(&in, message + 4, sizeof message - 4)) >= 0) {
			message[0] = (char) (n >> 24);
			message[1] = (char) (n >> 16);
			message[2] = (char) (n >> 8);
			message[3] = (char) n;
			if (write_all(in.fd, message, (size_t) n + 4) < 0) break;
		}
		close(in.fd);
	}
}

/* ---- mailslots: AF_UNIX datagrams ---- */

static struct sockaddr_un unix_address(const char *path) {
	struct sockaddr_un un;
	memset(&un, 0, sizeof un);
	un.sun_family = AF_UNIX;
	strncpy(un.sun_path, path, sizeof un.sun_path - 1);
	return un;
}

static int run_dgram_write(const char *path, long count, size_t size) {
	struct sockaddr_un un = unix_address(path);
	char *message = frame_of(size) + 4;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0) fail("socket", path);
	int attempt = 0;
	while (connect(fd, (struct sockaddr *) &un, sizeof un) != 0) {
		if (++attempt > 1000) fail("connect", path);
		usleep(10000);
	}
	long long start = now_ns();
	for (long i = 0; i < count; i++) {
		while (send(fd, message, size, 0) < 0) {
			if (errno != EINTR) fail("send", path);
		}
	}
	long long took = now_ns() - start;
	close(fd);
	printf("sent %ld in %lld ns\n", count, took);
	return 0;
}

static int run_dgram_read(const char *path, long count) {
	static char message[65536];
	struct sockaddr_un un = unix_address(path);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0) fail("socket", path);
	unlink(path);
	if (bind(fd, (struct sockaddr *) &un, sizeof un) < 0) fail("bind", path);
	printf("ready\n");
	fflush(stdout);
	long long start = 0;
	for (long i = 0; i < count; i++) {
		while (recv(fd, message, sizeof message, 0) < 0) {
			if (errno != EINTR) fail("recv", path);
		}
		if (i == 0) start = now_ns();
	}
	long long took = now_ns() - start;
	unlink(path);
	printf("read %ld in %lld ns\n", count, took);
	return 0;
}

/* ---- the ring ---- */

static void spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	sched_yield();
#endif
}

/* Map /NAME: create it when CREATE (a stale one is replaced), else wait for its creator. */
static ring_t map_ring(const char *name, int64_t capacity, int create) {
	char path[256];
	size_t size = (size_t) (RING_HEADER + capacity + RING_TRAILER);
	snprintf(path, sizeof path, "/%s", name);
	int fd = -1;
	if (create) {
		shm_unlink(path);
		fd = shm_open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0 || ftruncate(fd, (off_t) size) != 0) fail("shm_open", path);
	}
	else {
		for (int attempt = 0; fd < 0; attempt++) {
			struct stat st;
			fd = shm_open(path, O_RDWR, 0);
			if (fd >= 0 && (fstat(fd, &st) != 0 || (size_t) st.st_size < size)) {
				close(fd);
				fd = -1;
			}
			if (fd < 0) {
				if (attempt > 3000) fail("shm_open", path);
				usleep(10000);
			}
		}
	}
	unsigned char *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (base == MAP_FAILED) fail("mmap", path);
	if (create) {
		header_initialise(base, RING_MAGIC, RING_LAYOUT, capacity, (int64_t) getpid());
	}
	else {
		for (int attempt = 0; !header_published(base, RING_MAGIC); attempt++) {
			if (attempt > 3000) fail("header", path);
			usleep(10000);
		}
		const char *mismatch = header_mismatch(base, RING_LAYOUT, capacity);
		if (mismatch != NULL) {
			fprintf(stderr, "%s: %s\n", path, mismatch);
			exit(2);
		}
	}
	return ring_of(base, capacity);
}

static void ring_put(ring_t *ring, const void *payload, int32_t length) {
	while (!ring_try_write(ring, payload, length)) {
		spin_pause();
	}
}

static int run_ring_write(const char *name, int64_t capacity, long count, size_t size) {
	ring_t ring = map_ring(name, capacity, 0);
	char *payload = frame_of(size) + 4;
	long long start = now_ns();
	for (long i = 0; i < count; i++) ring_put(&ring, payload, (int32_t) size);
	long long took = now_ns() - start;
	printf("sent %ld in %lld ns\n", count, took);
	return 0;
}

static int run_ring_stamp(const char *name, int64_t capacity, long count, long long gap) {
	ring_t ring = map_ring(name, capacity, 0);
	unsigned char payload[64] = { 0 };
	long long start = now_ns(), next = start;
	for (long i = 0; i < count; i++) {
		while (now_ns() < next) spin_pause();
		long long stamp = now_ns();
		put64(payload, stamp);
		ring_put(&ring, payload, sizeof payload);
		next = stamp + gap;
	}
	printf("sent %ld in %lld ns\n", count, now_ns() - start);
	return 0;
}

struct tally {
	long count;
	long long *latencies;
};

static void count_record(const unsigned char *payload, int32_t length, void *context) {
	(void) payload;
	(void) length;
	((struct tally *) context)->count++;
}

static void time_record(const unsigned char *payload, int32_t length, void *context) {
	struct tally *tally = context;
	(void) length;
	tally->latencies[tally->count++] = now_ns() - get64(payload);
}

static int run_ring_read(const char *name, int64_t capacity, long count, int stamped) {
	char path[256];
	snprintf(path, sizeof path, "/%s", name);
	ring_t ring = map_ring(name, capacity, 1);
	struct tally tally = { 0, stamped ? malloc(sizeof(long long) * (size_t) count) : NULL };
	printf("ready\n");
	fflush(stdout);
	long long start = 0;
	while (tally.count < count) {
		int read = ring_read(&ring, stamped ? time_record : count_record, &tally);
		if (read < 0) fail("ring_read", path);
		if (read > 0 && start == 0) start = now_ns();
		if (read == 0) spin_pause();
	}
	long long took = now_ns() - start;
	shm_unlink(path);
	if (!stamped) {
		printf("read %ld in %lld ns\n", count, took);
		return 0;
	}
	long long total = 0;
	for (long i = 0; i < count; i++) total += tally.latencies[i];
	qsort(tally.latencies, (size_t) count, sizeof tally.latencies[0], compare);
	printf("latency p50 %lld p99 %lld mean %lld\n", tally.latencies[count / 2], tally.latencies[(count * 99) / 100],
			total / count);
	return 0;
}

int main(int argc, char **argv) {
	if (argc >= 5 && strcmp(argv[1], "write") == 0) return run_write(argv[2], atol(argv[3]), (size_t) atol(argv[4]));
	if (argc >= 4 && strcmp(argv[1], "read") == 0) return run_read(argv[2], atol(argv[3]));
	if (argc >= 6 && strcmp(argv[1], "ping") == 0) {
		return run_ping(argv[2], atol(argv[3]), (size_t) atol(argv[4]), atol(argv[5]));
	}
	if (argc >= 3 && strcmp(argv[1], "pong") == 0) return run_pong(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "dgram-write") == 0) {
		return run_dgram_write(argv[2], atol(argv[3]), (size_t) atol(argv[4]));
	}
	if (argc >= 4 && strcmp(argv[1], "dgram-read") == 0) return run_dgram_read(argv[2], atol(argv[3]));
	if (argc >= 6 && strcmp(argv[1], "ring-write") == 0) {
		return run_ring_write(argv[2], atoll(argv[3]), atol(argv[4]), (size_t) atol(argv[5]));
	}
	if (argc >= 5 && strcmp(argv[1], "ring-read") == 0) return run_ring_read(argv[2], atoll(argv[3]), atol(argv[4]), 0);
	if (argc >= 6 && strcmp(argv[1], "ring-stamp") == 0) {
		return run_ring_stamp(argv[2], atoll(argv[3]), atol(argv[4]), atoll(argv[5]));
	}
	if (argc >= 5 && strcmp(argv[1], "ring-latency") == 0) {
		return run_ring_read(argv[2], atoll(argv[3]), atol(argv[4]), 1);
	}
	fprintf(stderr, "usage: see the comment at the top of bench_peer.c\n");
	return 64;
}
