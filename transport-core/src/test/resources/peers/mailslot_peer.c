/*
 * A native POSIX peer for winipc's mailslot tests: a mailslot is an AF_UNIX SOCK_DGRAM
 * socket, one datagram per message, as docs/wire-format.md specifies.
 *
 *   mailslot_peer write PATH MSG...           send each MSG as one datagram (sendto, unconnected);
 *                                             print "sent N", or "refused <ERRNO>" and exit 3
 *   mailslot_peer flood PATH THREADS COUNT    THREADS sockets at once, each sending "<t>:<seq>" COUNT
 *                                             times, blocking while the reader's queue is full;
 *                                             print "sent <THREADS*COUNT>"
 *   mailslot_peer oversize PATH LEN           send one datagram of LEN bytes, then "small"; print "sent 2"
 *   mailslot_peer read PATH N                 bind PATH (mode 0600), print "ready", print "got: <msg>"
 *                                             for each of N datagrams, remove PATH
 *   mailslot_peer -o read PATH N              the same, PATH open to every user (mode 0666), as a
 *                                             squatter's would be
 *
 * Every line is flushed at once so the test can follow along. Exit status 0 = success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_MESSAGE (1024 * 1024)

static int open_to_all = 0;

static const char *errno_name(int code) {
	switch (code) {
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EPIPE: return "EPIPE";
	case EMSGSIZE: return "EMSGSIZE";
	case EAGAIN: return "EAGAIN";
	case ENOBUFS: return "ENOBUFS";
	default: return "E?";
	}
}

static void fail(const char *what, const char *path) {
	fprintf(stderr, "%s(%s) failed: errno %d (%s)\n", what, path, errno, strerror(errno));
	exit(2);
}

static struct sockaddr_un address_of(const char *path, socklen_t *length) {
	struct sockaddr_un address;
	memset(&address, 0, sizeof address);
	address.sun_family = AF_UNIX;
	strncpy(address.sun_path, path, sizeof address.sun_path - 1);
	*length = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + strlen(address.sun_path) + 1);
	return address;
}

static int datagram_socket(const char *path) {
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0) fail("socket", path);
	return fd;
}

/* 0, or the errno of a send that failed for a reason other than a full queue */
static int send_to(int fd, const char *path, const char *message, size_t length) {
	socklen_t address_length;
	struct sockaddr_un address = address_of(path, &address_length);
	for (;;) {
		if (sendto(fd, message, length, MSG_NOSIGNAL, (struct sockaddr *) &address, address_length) >= 0) return 0;
		if (errno == EINTR) continue;
		if (errno == ENOBUFS || errno == EAGAIN) {
			usleep(1000);
			continue;
		}
		return errno;
	}
}

static int run_write(const char *path, int count, char **messages) {
	int fd = datagram_socket(path);
	for (int i = 0; i < count; i++) {
		int error = send_to(fd, path, messages[i], strlen(messages[i]));
		if (error != 0) {
			printf("refused %s\n", errno_name(error));
			fflush(stdout);
			return 3;
		}
	}
	printf("sent %d\n", count);
	fflush(stdout);
	close(fd);
	return 0;
}

struct flood {
	const char *path;
	int thread;
	int count;
	int failed;
};

static void *flood_worker(void *argument) {
	struct flood *flood = argument;
	int fd = datagram_socket(flood->path);
	char message[64];
	for (int i = 0; i < flood->count; i++) {
		int length = snprintf(message, sizeof message, "%d:%d", flood->thread, i);
		if (send_to(fd, flood->path, message, (size_t) length) != 0) {
			flood->failed = 1;
			break;
		}
	}
	close(fd);
	return NULL;
}

static int run_flood(const char *path, int threads, int count) {
	pthread_t ids[64];
	struct flood floods[64];
	if (threads > 64) threads = 64;
	for (int t = 0; t < threads; t++) {
		floods[t] = (struct flood) { path, t, count, 0 };
		pthread_create(&ids[t], NULL, flood_worker, &floods[t]);
	}
	int failed = 0;
	for (int t = 0; t < threads; t++) {
		pthread_join(ids[t], NULL);
		failed |= floods[t].failed;
	}
	if (failed) {
		fprintf(stderr, "flood(%s): a send failed\n", path);
		return 1;
	}
	printf("sent %d\n", threads * count);
	fflush(stdout);
	return 0;
}

static int run_oversize(const char *path, size_t length) {
	char *big = malloc(length);
	memset(big, 'x', length);
	int fd = datagram_socket(path);
	int error = send_to(fd, path, big, length);
	if (error == 0) error = send_to(fd, path, "small", 5);
	if (error != 0) {
		printf("refused %s\n", errno_name(error));
		fflush(stdout);
		return 3;
	}
	printf("sent 2\n");
	fflush(stdout);
	free(big);
	return 0;
}

static int run_read(const char *path, int count) {
	int fd = datagram_socket(path);
	socklen_t address_length;
	struct sockaddr_un address = address_of(path, &address_length);
	unlink(path);
	mode_t old = umask(open_to_all ? 0 : 077);
	if (bind(fd, (struct sockaddr *) &address, address_length) < 0) fail("bind", path);
	umask(old);
	if (open_to_all && chmod(path, 0666) < 0) fail("chmod", path);
	printf("ready\n");
	fflush(stdout);
	char *buffer = malloc(MAX_MESSAGE + 1);
	for (int i = 0; i < count; i++) {
		ssize_t length = recv(fd, buffer, MAX_MESSAGE, 0);
		if (length < 0) {
			if (errno == EINTR) {
				i--;
				continue;
			}
			fail("recv", path);
		}
		buffer[length] = '\0';
		printf("got: %s\n", buffer);
		fflush(stdout);
	}
	unlink(path);
	close(fd);
	free(buffer);
	return 0;
}

int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "-o") == 0) {
		open_to_all = 1;
		argv++;
		argc--;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: mailslot_peer [-o] write|flood|oversize|read PATH ...\n");
		return 64;
	}
	const char *mode = argv[1];
	const char *path = argv[2];
	if (strcmp(mode, "write") == 0) return run_write(path, argc - 3, argv + 3);
	if (strcmp(mode, "flood") == 0 && argc == 5) return run_flood(path, atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "oversize") == 0 && argc == 4) return run_oversize(path, (size_t) atol(argv[3]));
	if (strcmp(mode, "read") == 0 && argc == 4) return run_read(path, atoi(argv[3]));
	fprintf(stderr, "mailslot_peer: unknown mode or arguments\n");
	return 64;
}
