/*
 * A native POSIX peer for winipc's pipe tests, over a Unix domain stream socket. It
 * speaks every framing of docs/wire-format.md (peer_framing.h); the default is
 * "message" (a 4-byte big-endian length, then the bytes).
 *
 *   pipe_peer [-f FRAMING] [-i] MODE PATH ...
 *
 *   -f FRAMING                          message (default), length-header-1, length-header-2,
 *                                       length-header-4, crlf, lf, null, stx-etx or raw
 *   -i                                  first print "pid <pid>" and "user <login name>"
 *   -o                                  a socket this peer serves is open to every user (mode 0666),
 *                                       as a squatter's would be; otherwise it is 0600
 *
 *   client PATH MSG...                  send each MSG, print "reply: <reply>" for each
 *   send PATH MSG...                    send each MSG (raw: one connection each), print "sent <n>"
 *   recv PATH N                         connect, print "connected", "got: <msg>" for N messages
 *                                       (raw: N connections, one message each)
 *   serve PATH PREFIX                   serve clients one after another; reply PREFIX+msg
 *   serve-strict PATH PREFIX MS BREAK   serve clients at once, replying PREFIX+msg MS milliseconds
 *                                       after each request; print "overlap: <msg>" when the next
 *                                       request arrived before the reply; after BREAK replies
 *                                       (0: never) shut the connection's reading side, so the
 *                                       client's next write fails
 *   sink PATH N                         serve clients one after another; print "got: <msg>" for N
 *                                       messages in all, then "done"
 *   push PATH N                         serve one client: send "msg-0".."msg-N-1", close
 *                                       (raw: one client per message)
 *   ask PATH MSG...                     serve one client: send each MSG as a request, print "reply: <reply>"
 *   answer PATH PREFIX N                connect, answer N requests with PREFIX+request
 *   load PATH THREADS COUNT             THREADS connections x COUNT requests, check each reply
 *   bystander PATH COUNT MS             connect, print "connected", then COUNT requests "b-<i>" MS
 *                                       milliseconds apart, each reply checked to end with its
 *                                       request; print "bystander ok <COUNT>" or what went wrong
 *   bad PATH KIND MAX                   bad input for a reader whose maximum is MAX: KIND oversize
 *                                       (a frame one byte too long), truncated (the beginning of a
 *                                       frame, then disconnect), garbage (bytes that are no frame)
 *                                       or stall (the beginning of a frame, then "partial" and wait
 *                                       to be killed); then print "closed by server" when the
 *                                       server closes the connection
 *   probe PATH MSG                      one attempt: print "refused <ERRNO>", "eof" or "reply: <reply>"
 *
 * Every line is flushed at once so the test can follow along. Exit status 0 = success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
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

#include "peer_framing.h"

#define MAX_MESSAGE (1024 * 1024)
#define MAX_FDS 4096

static enum framing framing = FRAMING_MESSAGE;

static int open_to_all = 0;

static pthread_mutex_t output_lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *what, const char *path) {
	fprintf(stderr, "%s(%s) failed: errno %d (%s)\n", what, path, errno, strerror(errno));
	exit(2);
}

static void print_line(const char *label, const char *text) {
	pthread_mutex_lock(&output_lock);
	printf("%s%s\n", label, text);
	fflush(stdout);
	pthread_mutex_unlock(&output_lock);
}

/* ---------------------------------------------------------------- framed I/O per socket */

static long socket_read(void *handle, void *buffer, size_t capacity) {
	int fd = (int) (intptr_t) handle;
	for (;;) {
		ssize_t n = read(fd, buffer, capacity);
		if (n < 0 && errno == EINTR) continue;
		return (long) n;
	}
}

static int socket_write(void *handle, const void *buffer, size_t length) {
	int fd = (int) (intptr_t) handle;
	const char *p = buffer;
	while (length > 0) {
		ssize_t n = write(fd, p, length);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) return -1;
		p += n;
		length -= (size_t) n;
	}
	return 0;
}

static struct stream *streams[MAX_FDS];

static struct stream *stream_of(int fd) {
	if (fd < 0 || fd >= MAX_FDS) {
		fprintf(stderr, "descriptor %d out of range\n", fd);
		exit(2);
	}
	if (streams[fd] == NULL) {
		streams[fd] = malloc(sizeof(struct stream));
		stream_init(streams[fd], (void *) (intptr_t) fd, socket_read, socket_write, framing);
	}
	return streams[fd];
}

static void close_socket(int fd) {
	free(streams[fd]);
	streams[fd] = NULL;
	close(fd);
}

static int send_message(int fd, const char *msg, size_t len) {
	return frame_send(stream_of(fd), msg, len);
}

/* returns length, FRAME_EOF on clean EOF, FRAME_ERROR on error; buf gets a NUL terminator */
static long receive_message(int fd, char *buf, size_t cap) {
	return frame_receive(stream_of(fd), buf, cap);
}

/* raw framing: a message ends where the sending side of the stream ends */
static void end_raw_message(int fd) {
	if (framing == FRAMING_RAW) shutdown(fd, SHUT_WR);
}

static void require_replies(const char *mode) {
	if (framing == FRAMING_RAW) {
		fprintf(stderr, "%s needs replies, which raw framing cannot carry\n", mode);
		exit(64);
	}
}

/* ---------------------------------------------------------------- connecting and serving */

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
	mode_t old = umask(open_to_all ? 0 : 077);
	if (bind(fd, (struct sockaddr *) &addr, sizeof addr) < 0) fail("bind", path);
	umask(old);
	if (open_to_all && chmod(path, 0666) < 0) fail("chmod", path);
	if (listen(fd, 128) < 0) fail("listen", path);
	print_line("", "ready");
	return fd;
}

static int accept_on(int server, const char *path) {
	int fd = accept(server, NULL, NULL);
	if (fd < 0) fail("accept", path);
	return fd;
}

static void sleep_millis(int millis) {
	struct timespec delay = { millis / 1000, (long) (millis % 1000) * 1000 * 1000 };
	nanosleep(&delay, NULL);
}

/* ---------------------------------------------------------------- modes */

static int run_client(const char *path, int count, char **messages) {
	static char reply[MAX_MESSAGE + 1];
	require_replies("client");
	int fd = connect_to(path);
	for (int i = 0; i < count; i++) {
		if (send_message(fd, messages[i], strlen(messages[i])) < 0) fail("write", path);
		long n = receive_message(fd, reply, sizeof reply);
		if (n == FRAME_EOF) { fprintf(stderr, "read(%s): server closed the connection\n", path); return 3; }
		if (n < 0) fail("read", path);
		print_line("reply: ", reply);
	}
	close_socket(fd);
	return 0;
}

static int run_send(const char *path, int count, char **messages) {
	char line[32];
	int fd = -1;
	for (int i = 0; i < count; i++) {
		if (fd < 0) fd = connect_to(path);
		if (send_message(fd, messages[i], strlen(messages[i])) < 0) fail("write", path);
		if (framing == FRAMING_RAW) {
			end_raw_message(fd);
			/* wait until the server has read it and closed its side */
			char rest;
			while (read(fd, &rest, 1) > 0) {
			}
			close_socket(fd);
			fd = -1;
		}
	}
	if (fd >= 0) close_socket(fd);
	snprintf(line, sizeof line, "%d", count);
	print_line("sent ", line);
	return 0;
}

static int run_recv(const char *path, int count) {
	static char message[MAX_MESSAGE + 1];
	int fd = -1;
	for (int i = 0; i < count; i++) {
		if (fd < 0) {
			fd = connect_to(path);
			if (i == 0) print_line("", "connected");
		}
		long n = receive_message(fd, message, sizeof message);
		if (n == FRAME_EOF) { fprintf(stderr, "read(%s): server closed the connection\n", path); return 3; }
		if (n < 0) fail("read", path);
		print_line("got: ", message);
		if (framing == FRAMING_RAW) {
			close_socket(fd);
			fd = -1;
		}
	}
	if (fd >= 0) close_socket(fd);
	return 0;
}

static void run_serve(const char *path, const char *prefix) __attribute__((noreturn));
static void run_serve(const char *path, const char *prefix) {
	static char message[MAX_MESSAGE + 1];
	static char reply[MAX_MESSAGE + 256];
	require_replies("serve");
	int server = listen_on(path);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int fd = accept_on(server, path);
		long n;
		while ((n = receive_message(fd, message, sizeof message)) >= 0) {
			int len = snprintf(reply, sizeof reply, "%s%s", prefix, message);
			if (send_message(fd, reply, (size_t) len) < 0) break;
		}
		close_socket(fd);
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
		sleep_millis(job->millis);
		/* one request in flight per connection: nothing may have arrived meanwhile */
		struct pollfd next = { job->fd, POLLIN, 0 };
		char probe;
		if (poll(&next, 1, 0) > 0 && recv(job->fd, &probe, 1, MSG_PEEK | MSG_DONTWAIT) == 1) {
			print_line("overlap: ", message);
		}
		int len = snprintf(reply, MAX_MESSAGE + 256, "%s%s", job->prefix, message);
		int breaking = ++served == job->breaks_after;
		if (breaking) {
			/* before the reply, so the client's next write fails (EPIPE); its reads still wait */
			shutdown(job->fd, SHUT_RD);
		}
		if (send_message(job->fd, reply, (size_t) len) < 0) break;
		if (breaking) {
			print_line("", "broke a connection");
			for (;;) pause();
		}
	}
	close_socket(job->fd);
	free(message);
	free(reply);
	free(job);
	return NULL;
}

static void run_serve_strict(const char *path, const char *prefix, int millis, int breaks_after) __attribute__((noreturn));
static void run_serve_strict(const char *path, const char *prefix, int millis, int breaks_after) {
	require_replies("serve-strict");
	int server = listen_on(path);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int fd = accept_on(server, path);
		struct strict_job *job = malloc(sizeof *job);
		*job = (struct strict_job) { fd, prefix, millis, breaks_after };
		pthread_t thread;
		pthread_create(&thread, NULL, serve_strictly, job);
		pthread_detach(thread);
	}
}

static int run_sink(const char *path, int count) {
	static char message[MAX_MESSAGE + 1];
	int server = listen_on(path);
	int received = 0;
	while (received < count) {
		int fd = accept_on(server, path);
		long n;
		while (received < count && (n = receive_message(fd, message, sizeof message)) >= 0) {
			print_line("got: ", message);
			received++;
			if (framing == FRAMING_RAW) break;
		}
		close_socket(fd);
	}
	close(server);
	unlink(path);
	print_line("", "done");
	return 0;
}

static int run_push(const char *path, int count) {
	char message[64];
	char line[32];
	int server = listen_on(path);
	int fd = -1;
	for (int i = 0; i < count; i++) {
		if (fd < 0) fd = accept_on(server, path);
		int len = snprintf(message, sizeof message, "msg-%d", i);
		if (send_message(fd, message, (size_t) len) < 0) fail("write", path);
		if (framing == FRAMING_RAW) {
			close_socket(fd);
			fd = -1;
		}
	}
	if (fd >= 0) close_socket(fd);
	close(server);
	unlink(path);
	snprintf(line, sizeof line, "%d", count);
	print_line("pushed ", line);
	return 0;
}

static int run_ask(const char *path, int count, char **messages) {
	static char reply[MAX_MESSAGE + 1];
	require_replies("ask");
	int server = listen_on(path);
	int fd = accept_on(server, path);
	for (int i = 0; i < count; i++) {
		if (send_message(fd, messages[i], strlen(messages[i])) < 0) fail("write", path);
		long n = receive_message(fd, reply, sizeof reply);
		if (n < 0) { fprintf(stderr, "read(%s): no reply\n", path); return 3; }
		print_line("reply: ", reply);
	}
	close_socket(fd);
	close(server);
	unlink(path);
	return 0;
}

static int run_answer(const char *path, const char *prefix, int count) {
	static char message[MAX_MESSAGE + 1];
	static char reply[MAX_MESSAGE + 256];
	require_replies("answer");
	int fd = connect_to(path);
	print_line("", "connected");
	for (int i = 0; i < count; i++) {
		long n = receive_message(fd, message, sizeof message);
		if (n < 0) { fprintf(stderr, "read(%s): connection ended\n", path); return 3; }
		int len = snprintf(reply, sizeof reply, "%s%s", prefix, message);
		if (send_message(fd, reply, (size_t) len) < 0) fail("write", path);
	}
	close_socket(fd);
	return 0;
}

struct load_job {
	const char *path;
	int id;
	int count;
	int failures;
};

/* send request i, check that the reply ends with it; 0 if it did */
static int exchange_checked(int fd, const char *request, char *reply, size_t cap, const char *who) {
	size_t len = strlen(request);
	if (send_message(fd, request, len) < 0) {
		fprintf(stderr, "%s: write of %s failed: %s\n", who, request, strerror(errno));
		return -1;
	}
	long n = receive_message(fd, reply, cap);
	if (n < 0) {
		fprintf(stderr, "%s: no reply to %s (%s)\n", who, request, n == FRAME_EOF ? "closed" : "error");
		return -1;
	}
	/* the reply must answer this client's own request, in order: it ends with it */
	if ((size_t) n < len || strcmp(reply + n - len, request) != 0) {
		fprintf(stderr, "%s: request %s got reply %s\n", who, request, reply);
		return 1;
	}
	return 0;
}

static void *load_worker(void *arg) {
	struct load_job *job = arg;
	char request[64];
	char reply[256];
	char who[32];
	snprintf(who, sizeof who, "client %d", job->id);
	int fd = connect_to(job->path);
	for (int i = 0; i < job->count; i++) {
		snprintf(request, sizeof request, "c%d-%d", job->id, i);
		int result = exchange_checked(fd, request, reply, sizeof reply, who);
		if (result != 0) job->failures++;
		if (result < 0) break;
	}
	close_socket(fd);
	return NULL;
}

static int run_load(const char *path, int threads, int count) {
	require_replies("load");
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

static int run_bystander(const char *path, int count, int millis) {
	char request[64];
	char reply[256];
	char line[64];
	require_replies("bystander");
	int fd = connect_to(path);
	print_line("", "connected");
	for (int i = 0; i < count; i++) {
		snprintf(request, sizeof request, "b-%d", i);
		if (exchange_checked(fd, request, reply, sizeof reply, "bystander") != 0) {
			snprintf(line, sizeof line, "%d of %d", i, count);
			print_line("bystander failed at ", line);
			return 1;
		}
		sleep_millis(millis);
	}
	close_socket(fd);
	snprintf(line, sizeof line, "%d", count);
	print_line("bystander ok ", line);
	return 0;
}

static int wait_for_eof(int fd) {
	char buf[256];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n == 0 || (n < 0 && errno != EINTR)) break;
	}
	print_line("", "closed by server");
	return 0;
}

static int run_bad(const char *path, const char *kind, size_t max) {
	int fd = connect_to(path);
	struct stream *stream = stream_of(fd);
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(kind, "oversize") == 0) {
		if (frame_send_oversize(stream, max) < 0 && errno != EPIPE && errno != ECONNRESET) fail("write", path);
		end_raw_message(fd);
		return wait_for_eof(fd);
	}
	if (strcmp(kind, "garbage") == 0) {
		if (frame_send_garbage(stream, max) < 0 && errno != EPIPE && errno != ECONNRESET) fail("write", path);
		return wait_for_eof(fd);
	}
	if (strcmp(kind, "truncated") == 0 || strcmp(kind, "stall") == 0) {
		if (frame_send_partial(stream, 50, 10) < 0) fail("write", path);
		if (strcmp(kind, "truncated") == 0) {
			close_socket(fd);
			print_line("", "disconnected");
			return 0;
		}
		print_line("", "partial");
		for (;;) pause();
	}
	fprintf(stderr, "unknown kind of bad input %s\n", kind);
	return 64;
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
		print_line("refused ", errno == EACCES ? "EACCES" : errno == ENOENT ? "ENOENT"
				: errno == ECONNREFUSED ? "ECONNREFUSED" : strerror(errno));
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);
	long n = FRAME_EOF;
	if (send_message(fd, msg, strlen(msg)) == 0) n = receive_message(fd, reply, sizeof reply);
	if (n >= 0) print_line("reply: ", reply);
	else print_line("", "eof");
	return 0;
}

static void print_identity(void) {
	char pid[32];
	struct passwd *user = getpwuid(getuid());
	snprintf(pid, sizeof pid, "%ld", (long) getpid());
	print_line("pid ", pid);
	if (user != NULL) {
		print_line("user ", user->pw_name);
	}
	else {
		char uid[32];
		snprintf(uid, sizeof uid, "%ld", (long) getuid());
		print_line("user ", uid);
	}
}

int main(int argc, char **argv) {
	int first = 1;
	while (first < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "-f") == 0 && first + 1 < argc) {
			int chosen = framing_of(argv[first + 1]);
			if (chosen < 0) { fprintf(stderr, "unknown framing %s\n", argv[first + 1]); return 64; }
			framing = (enum framing) chosen;
			first += 2;
		}
		else if (strcmp(argv[first], "-i") == 0) {
			print_identity();
			first++;
		}
		else if (strcmp(argv[first], "-o") == 0) {
			open_to_all = 1;
			first++;
		}
		else {
			fprintf(stderr, "unknown option %s\n", argv[first]);
			return 64;
		}
	}
	argc -= first - 1;
	argv += first - 1;
	if (argc < 3) {
		fprintf(stderr, "usage: pipe_peer [-f FRAMING] [-i] MODE PATH ...\n");
		return 64;
	}
	const char *mode = argv[1];
	const char *path = argv[2];
	if (strcmp(mode, "client") == 0) return run_client(path, argc - 3, argv + 3);
	if (strcmp(mode, "send") == 0) return run_send(path, argc - 3, argv + 3);
	if (strcmp(mode, "recv") == 0 && argc == 4) return run_recv(path, atoi(argv[3]));
	if (strcmp(mode, "serve") == 0 && argc == 4) run_serve(path, argv[3]);
	if (strcmp(mode, "serve-strict") == 0 && argc == 6) run_serve_strict(path, argv[3], atoi(argv[4]), atoi(argv[5]));
	if (strcmp(mode, "sink") == 0 && argc == 4) return run_sink(path, atoi(argv[3]));
	if (strcmp(mode, "push") == 0 && argc == 4) return run_push(path, atoi(argv[3]));
	if (strcmp(mode, "ask") == 0) return run_ask(path, argc - 3, argv + 3);
	if (strcmp(mode, "answer") == 0 && argc == 5) return run_answer(path, argv[3], atoi(argv[4]));
	if (strcmp(mode, "probe") == 0 && argc == 4) return run_probe(path, argv[3]);
	if (strcmp(mode, "load") == 0 && argc == 5) return run_load(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "bystander") == 0 && argc == 5) return run_bystander(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "bad") == 0 && argc == 5) return run_bad(path, argv[3], (size_t) strtoul(argv[4], NULL, 10));
	fprintf(stderr, "unknown mode %s (or wrong number of arguments)\n", mode);
	return 64;
}
