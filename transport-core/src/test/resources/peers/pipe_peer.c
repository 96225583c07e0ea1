/*
 * A native POSIX peer for winipc's pipe tests: speaks the "message" framing
 * (4-byte big-endian length, then the bytes) over a Unix domain stream socket.
 *
 *   pipe_peer client PATH MSG...        send each MSG, print "reply: <reply>" for each
 *   pipe_peer recv PATH N               connect, print "got: <msg>" for N messages
 *   pipe_peer serve PATH PREFIX         serve clients one after another; reply PREFIX+msg
 *   pipe_peer serve-strict PATH PREFIX MS BREAK
 *                                       serve clients at once, replying PREFIX+msg MS milliseconds after
 *                                       each request; print "overlap: <msg>" when the next request arrived
 *                                       before the reply; after BREAK replies (0: never) shut the
 *                                       connection's reading side, so the client's next write fails
 *   pipe_peer push PATH N               serve one client: send "msg-0".."msg-N-1", close
 *   pipe_peer ask PATH MSG...           serve one client: send each MSG as a request, print "reply: <reply>"
 *   pipe_peer answer PATH PREFIX N      connect, answer N requests with PREFIX+request
 *   pipe_peer load PATH THREADS COUNT   THREADS connections x COUNT requests, check each reply
 *   pipe_peer oversize PATH LEN         send a header announcing LEN bytes, then await EOF
 *   pipe_peer truncated PATH            announce 100 bytes, send 10, disconnect
 *   pipe_peer stall PATH                announce 100 bytes, send 10, print "partial", wait to be killed
 *   pipe_peer probe PATH MSG            one attempt: print "refused <ERRNO>", "eof" or "reply: <reply>"
 *
 * Every line is flushed at once so the test can follow along. Exit status 0 = success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_MESSAGE (1024 * 1024)

static void fail(const char *what, const char *path) {
	fprintf(stderr, "%s(%s) failed: errno %d (%s)\n", what, path, errno, strerror(errno));
	exit(2);
}

static int write_all(int fd, const void *buf, size_t len) {
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) return -1;
		p += n;
		len -= (size_t) n;
	}
	return 0;
}

/* 1 = read all, 0 = EOF before the first byte, -1 = error or EOF inside */
static int read_all(int fd, void *buf, size_t len) {
	char *p = buf;
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0) return -1;
		if (n == 0) return got == 0 ? 0 : -1;
		got += (size_t) n;
	}
	return 1;
}

static int send_message(int fd, const char *msg, size_t len) {
	unsigned char header[4] = { (unsigned char) (len >> 24), (unsigned char) (len >> 16),
			(unsigned char) (len >> 8), (unsigned char) len };
	if (write_all(fd, header, 4) < 0) return -1;
	return write_all(fd, msg, len);
}

/* returns length, -2 on clean EOF, -1 on error; buf gets a NUL terminator */
static long receive_message(int fd, char *buf, size_t cap) {
	unsigned char header[4];
	int r = read_all(fd, header, 4);
	if (r == 0) return -2;
	if (r < 0) return -1;
	uint32_t len = ((uint32_t) header[0] << 24) | ((uint32_t) header[1] << 16) | ((uint32_t) header[2] << 8) | header[3];
	if (len + 1 > cap) { errno = EMSGSIZE; return -1; }
	if (len > 0 && read_all(fd, buf, len) != 1) return -1;
	buf[len] = '\0';
	return (long) len;
}

static int connect_to(const char *path) {
	struct sockaddr_un addr;
	memset(&addr, 0, sizeof addr);
	addr.sun_family = AF_UNIX;
	strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
	for (int attempt = 0; attempt < 500; attempt++) {
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0) fail("socket", path);
		if (connect(fd, (struct sockaddr *) &addr, sizeof addr) == 0) return fd;
		int saved = errno;
		close(fd);
		if (saved != ENOENT && saved != ECONNREFUSED && saved != EAGAIN) { errno = saved; fail("connect", path); }
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	fail("connect", path);
	return -1;
}

static int listen_on(const char *path) {
	struct sockaddr_un addr;
	memset(&addr, 0, sizeof addr);
	addr.sun_family = AF_UNIX;
	strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
	unlink(path);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0) fail("socket", path);
	mode_t old = umask(077);
	if (bind(fd, (struct sockaddr *) &addr, sizeof addr) < 0) fail("bind", path);
	umask(old);
	if (listen(fd, 64) < 0) fail("listen", path);
	printf("ready\n");
	fflush(stdout);
	return fd;
}

static int run_client(const char *path, int count, char **messages) {
	static char reply[MAX_MESSAGE + 1];
	int fd = connect_to(path);
	for (int i = 0; i < count; i++) {
		if (send_message(fd, messages[i], strlen(messages[i])) < 0) fail("write", path);
		long n = receive_message(fd, reply, sizeof reply);
		if (n == -2) { fprintf(stderr, "read(%s): server closed the connection\n", path); return 3; }
		if (n < 0) fail("read", path);
		printf("reply: %s\n", reply);
		fflush(stdout);
	}
	close(fd);
	return 0;
}

static int run_recv(const char *path, int count) {
	static char message[MAX_MESSAGE + 1];
	int fd = connect_to(path);
	printf("connected\n");
	fflush(stdout);
	for (int i = 0; i < count; i++) {
		long n = receive_message(fd, message, sizeof message);
		if (n == -2) { fprintf(stderr, "read(%s): server closed the connection\n", path); return 3; }
		if (n < 0) fail("read", path);
		printf("got: %s\n", message);
		fflush(stdout);
	}
	close(fd);
	return 0;
}

static void run_serve(const char *path, const char *prefix) __attribute__((noreturn));
static void run_serve(const char *path, const char *prefix) {
	static char message[MAX_MESSAGE + 1];
	static char reply[MAX_MESSAGE + 256];
	int server = listen_on(path);
	for (;;) {
		int fd = accept(server, NULL, NULL);
		if (fd < 0) fail("accept", path);
		long n;
		while ((n = receive_message(fd, message, sizeof message)) >= 0) {
			int len = snprintf(reply, sizeof reply, "%s%s", prefix, message);
			if (send_message(fd, reply, (size_t) len) < 0) break;
		}
		close(fd);
	}
}

struct strict_job {
	int fd;
	const char *prefix;
	int millis;
	int breaks_after;
};

static void *serve_strictly(void *arg) {
	struct strict_job *job = arg;
	char *message = malloc(MAX_MESSAGE + 1);
	char *reply = malloc(MAX_MESSAGE + 256);
	long n;
	int served = 0;
	while ((n = receive_message(job->fd, message, MAX_MESSAGE + 1)) >= 0) {
		struct timespec delay = { job->millis / 1000, (long) (job->millis % 1000) * 1000 * 1000 };
		nanosleep(&delay, NULL);
		/* one request in flight per connection: nothing may have arrived meanwhile */
		struct pollfd next = { job->fd, POLLIN, 0 };
		char probe;
		if (poll(&next, 1, 0) > 0 && recv(job->fd, &probe, 1, MSG_PEEK | MSG_DONTWAIT) == 1) {
			printf("overlap: %s\n", message);
			fflush(stdout);
		}
		int len = snprintf(reply, MAX_MESSAGE + 256, "%s%s", job->prefix, message);
		int breaking = ++served == job->breaks_after;
		if (breaking) {
			/* before the reply, so the client's next write fails (EPIPE); its reads still wait */
			shutdown(job->fd, SHUT_RD);
		}
		if (send_message(job->fd, reply, (size_t) len) < 0) break;
		if (breaking) {
			printf("broke a connection\n");
			fflush(stdout);
			for (;;) pause();
		}
	}
	close(job->fd);
	free(message);
	free(reply);
	free(job);
	return NULL;
}

static void run_serve_strict(const char *path, const char *prefix, int millis, int breaks_after) __attribute__((noreturn));
static void run_serve_strict(const char *path, const char *prefix, int millis, int breaks_after) {
	int server = listen_on(path);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int fd = accept(server, NULL, NULL);
		if (fd < 0) fail("accept", path);
		struct strict_job *job = malloc(sizeof *job);
		*job = (struct strict_job) { fd, prefix, millis, breaks_after };
		pthread_t thread;
		pthread_create(&thread, NULL, serve_strictly, job);
		pthread_detach(thread);
	}
}

static int run_push(const char *path, int count) {
	char message[64];
	int server = listen_on(path);
	int fd = accept(server, NULL, NULL);
	if (fd < 0) fail("accept", path);
	for (int i = 0; i < count; i++) {
		int len = snprintf(message, sizeof message, "msg-%d", i);
		if (send_message(fd, message, (size_t) len) < 0) fail("write", path);
	}
	close(fd);
	close(server);
	unlink(path);
	printf("pushed %d\n", count);
	fflush(stdout);
	return 0;
}

static int run_ask(const char *path, int count, char **messages) {
	static char reply[MAX_MESSAGE + 1];
	int server = listen_on(path);
	int fd = accept(server, NULL, NULL);
	if (fd < 0) fail("accept", path);
	for (int i = 0; i < count; i++) {
		if (send_message(fd, messages[i], strlen(messages[i])) < 0) fail("write", path);
		long n = receive_message(fd, reply, sizeof reply);
		if (n < 0) { fprintf(stderr, "read(%s): no reply\n", path); return 3; }
		printf("reply: %s\n", reply);
		fflush(stdout);
	}
	close(fd);
	close(server);
	unlink(path);
	return 0;
}

static int run_answer(const char *path, const char *prefix, int count) {
	static char message[MAX_MESSAGE + 1];
	static char reply[MAX_MESSAGE + 256];
	int fd = connect_to(path);
	printf("connected\n");
	fflush(stdout);
	for (int i = 0; i < count; i++) {
		long n = receive_message(fd, message, sizeof message);
		if (n < 0) { fprintf(stderr, "read(%s): connection ended\n", path); return 3; }
		int len = snprintf(reply, sizeof reply, "%s%s", prefix, message);
		if (send_message(fd, reply, (size_t) len) < 0) fail("write", path);
	}
	close(fd);
	return 0;
}

struct load_job {
	const char *path;
	int id;
	int count;
	int failures;
};

static void *load_worker(void *arg) {
	struct load_job *job = arg;
	char request[64];
	char reply[256];
	int fd = connect_to(job->path);
	for (int i = 0; i < job->count; i++) {
		int len = snprintf(request, sizeof request, "c%d-%d", job->id, i);
		if (send_message(fd, request, (size_t) len) < 0) { job->failures++; break; }
		long n = receive_message(fd, reply, sizeof reply);
		if (n < 0) { job->failures++; break; }
		/* the reply must answer this client's own request, in order: it ends with it */
		if ((size_t) n < (size_t) len || strcmp(reply + n - len, request) != 0) {
			fprintf(stderr, "client %d request %s got reply %s\n", job->id, request, reply);
			job->failures++;
		}
	}
	close(fd);
	return NULL;
}

static int run_load(const char *path, int threads, int count) {
	pthread_t *ids = calloc((size_t) threads, sizeof *ids);
	struct load_job *jobs = calloc((size_t) threads, sizeof *jobs);
	for (int t = 0; t < threads; t++) {
		jobs[t] = (struct load_job) { path, t, count, 0 };
		pthread_create(&ids[t], NULL, load_worker, &jobs[t]);
	}
	int failures = 0;
	for (int t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		failures += jobs[t].failures;
	}
	printf("replies: %d failures: %d\n", threads * count - failures, failures);
	fflush(stdout);
	return failures == 0 ? 0 : 1;
}

static int wait_for_eof(int fd) {
	char buf[256];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n == 0 || (n < 0 && errno != EINTR)) break;
	}
	printf("closed by server\n");
	fflush(stdout);
	return 0;
}

static int run_probe(const char *path, const char *msg) {
	static char reply[MAX_MESSAGE + 1];
	struct sockaddr_un addr;
	memset(&addr, 0, sizeof addr);
	addr.sun_family = AF_UNIX;
	strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0) fail("socket", path);
	if (connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
		printf("refused %s\n", errno == EACCES ? "EACCES" : errno == ENOENT ? "ENOENT"
				: errno == ECONNREFUSED ? "ECONNREFUSED" : strerror(errno));
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	long n = -2;
	if (send_message(fd, msg, strlen(msg)) == 0) n = receive_message(fd, reply, sizeof reply);
	if (n >= 0) printf("reply: %s\n", reply);
	else printf("eof\n");
	return 0;
}

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: pipe_peer MODE PATH ...\n");
		return 64;
	}
	const char *mode = argv[1];
	const char *path = argv[2];
	if (strcmp(mode, "client") == 0) return run_client(path, argc - 3, argv + 3);
	if (strcmp(mode, "recv") == 0 && argc == 4) return run_recv(path, atoi(argv[3]));
	if (strcmp(mode, "serve") == 0 && argc == 4) run_serve(path, argv[3]);
	if (strcmp(mode, "serve-strict") == 0 && argc == 6) run_serve_strict(path, argv[3], atoi(argv[4]), atoi(argv[5]));
	if (strcmp(mode, "push") == 0 && argc == 4) return run_push(path, atoi(argv[3]));
	if (strcmp(mode, "ask") == 0) return run_ask(path, argc - 3, argv + 3);
	if (strcmp(mode, "answer") == 0 && argc == 5) return run_answer(path, argv[3], atoi(argv[4]));
	if (strcmp(mode, "probe") == 0 && argc == 4) return run_probe(path, argv[3]);
	if (strcmp(mode, "load") == 0 && argc == 5) return run_load(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "oversize") == 0 && argc == 4) {
		int fd = connect_to(path);
		uint32_t len = (uint32_t) strtoul(argv[3], NULL, 10);
		unsigned char header[4] = { (unsigned char) (len >> 24), (unsigned char) (len >> 16),
				(unsigned char) (len >> 8), (unsigned char) len };
		if (write_all(fd, header, 4) < 0) fail("write", path);
		return wait_for_eof(fd);
	}
	if (strcmp(mode, "truncated") == 0 || strcmp(mode, "stall") == 0) {
		int fd = connect_to(path);
		unsigned char header[4] = { 0, 0, 0, 100 };
		if (write_all(fd, header, 4) < 0 || write_all(fd, "0123456789", 10) < 0) fail("write", path);
		if (strcmp(mode, "truncated") == 0) {
			close(fd);
			printf("disconnected\n");
			fflush(stdout);
			return 0;
		}
		printf("partial\n");
		fflush(stdout);
		for (;;) pause();
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 64;
}
