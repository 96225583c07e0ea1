/*
 * The byte framings of docs/wire-format.md, written from that page for the native test
 * peers (pipe_peer.c on POSIX, win_pipe_peer.c on Windows): a peer reads and writes
 * frames through a small buffered stream over its socket or pipe handle.
 *
 *   message          4-byte big-endian length, then the bytes (the POSIX form; on Windows
 *                    the pipe keeps the boundaries and the peer does not use this file)
 *   length-header-1  1-byte unsigned length, then the bytes
 *   length-header-2  2-byte big-endian unsigned length, then the bytes
 *   length-header-4  4-byte big-endian length, then the bytes
 *   crlf / lf / null the bytes, then "\r\n" / "\n" / one 0x00
 *   stx-etx          0x02, the bytes, 0x03
 *   raw              the bytes, then the end of the stream
 *
 * Besides whole frames it writes the bad input the tests need: the beginning of a frame
 * only, bytes that are no frame, and a frame one byte longer than a maximum.
 */
#ifndef PEER_FRAMING_H
#define PEER_FRAMING_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum framing {
	FRAMING_MESSAGE, FRAMING_LENGTH_HEADER_1, FRAMING_LENGTH_HEADER_2, FRAMING_LENGTH_HEADER_4, FRAMING_CRLF,
	FRAMING_LF, FRAMING_NULL, FRAMING_STX_ETX, FRAMING_RAW
};

static const char *const FRAMING_NAMES[] = { "message", "length-header-1", "length-header-2", "length-header-4",
	"crlf", "lf", "null", "stx-etx", "raw" };

#define STX 0x02
#define ETX 0x03

/* the framing named as configuration names it, or -1 */
static int framing_of(const char *name) {
	size_t i;
	for (i = 0; i < sizeof FRAMING_NAMES / sizeof FRAMING_NAMES[0]; i++) {
		if (strcmp(FRAMING_NAMES[i], name) == 0) return (int) i;
	}
	return -1;
}

/* read some bytes: the count, 0 at the end of the stream, -1 on an error */
typedef long (*stream_read_fn)(void *handle, void *buffer, size_t capacity);

/* write every byte: 0, or -1 on an error */
typedef int (*stream_write_fn)(void *handle, const void *buffer, size_t length);

struct stream {
	void *handle;
	stream_read_fn read;
	stream_write_fn write;
	enum framing framing;
	unsigned char in[8192];
	size_t start;
	size_t end;
};

static void stream_init(struct stream *stream, void *handle, stream_read_fn read, stream_write_fn write,
		enum framing framing) {
	stream->handle = handle;
	stream->read = read;
	stream->write = write;
	stream->framing = framing;
	stream->start = 0;
	stream->end = 0;
}

/* the next byte, -1 at the end of the stream, -2 on an error */
static int stream_byte(struct stream *stream) {
	if (stream->start == stream->end) {
		long got = stream->read(stream->handle, stream->in, sizeof stream->in);
		if (got == 0) return -1;
		if (got < 0) return -2;
		stream->start = 0;
		stream->end = (size_t) got;
	}
	return stream->in[stream->start++];
}

#define FRAME_EOF (-2L)
#define FRAME_ERROR (-1L)

/* n bytes into buffer: 1, 0 at the end of the stream before the first, -1 otherwise */
static int stream_exact(struct stream *stream, char *buffer, size_t n) {
	size_t i;
	for (i = 0; i < n; i++) {
		int bite = stream_byte(stream);
		if (bite < 0) return (bite == -1 && i == 0) ? 0 : -1;
		buffer[i] = (char) bite;
	}
	return 1;
}

static size_t header_size(enum framing framing) {
	switch (framing) {
	case FRAMING_LENGTH_HEADER_1: return 1;
	case FRAMING_LENGTH_HEADER_2: return 2;
	case FRAMING_MESSAGE:
	case FRAMING_LENGTH_HEADER_4: return 4;
	default: return 0;
	}
}

static void put_header(unsigned char *header, size_t size, unsigned long length) {
	size_t i;
	for (i = 0; i < size; i++) header[i] = (unsigned char) (length >> (8 * (size - 1 - i)));
}

/*
 * One message into buffer, NUL-terminated: its length; FRAME_EOF when the stream ended
 * cleanly between frames; FRAME_ERROR when it ended inside one, the frame is malformed or
 * longer than capacity - 1, or the read failed.
 */
static long frame_receive(struct stream *stream, char *buffer, size_t capacity) {
	size_t size = header_size(stream->framing);
	size_t n = 0;
	int bite;
	if (size > 0) {
		unsigned char header[4];
		unsigned long length = 0;
		size_t i;
		int got = stream_exact(stream, (char *) header, size);
		if (got == 0) return FRAME_EOF;
		if (got < 0) return FRAME_ERROR;
		for (i = 0; i < size; i++) length = (length << 8) | header[i];
		if (length + 1 > capacity) return FRAME_ERROR;
		if (length > 0 && stream_exact(stream, buffer, length) != 1) return FRAME_ERROR;
		buffer[length] = '\0';
		return (long) length;
	}
	if (stream->framing == FRAMING_STX_ETX) {
		bite = stream_byte(stream);
		if (bite == -1) return FRAME_EOF;
		if (bite != STX) return FRAME_ERROR;
	}
	for (;;) {
		bite = stream_byte(stream);
		if (bite == -2) return FRAME_ERROR;
		if (bite == -1) {
			if (stream->framing == FRAMING_RAW) break;
			return (n == 0 && stream->framing != FRAMING_STX_ETX) ? FRAME_EOF : FRAME_ERROR;
		}
		if ((stream->framing == FRAMING_LF && bite == '\n') || (stream->framing == FRAMING_NULL && bite == 0)
				|| (stream->framing == FRAMING_STX_ETX && bite == ETX)) {
			break;
		}
		if (stream->framing == FRAMING_CRLF && bite == '\n' && n > 0 && buffer[n - 1] == '\r') {
			n--;
			break;
		}
		if (n + 1 >= capacity) return FRAME_ERROR;
		buffer[n++] = (char) bite;
	}
	if (stream->framing == FRAMING_RAW && n == 0) return FRAME_EOF;
	buffer[n] = '\0';
	return (long) n;
}

/* what goes before and after a message's bytes */
static size_t frame_prefix(enum framing framing, size_t length, unsigned char *prefix) {
	size_t size = header_size(framing);
	if (size > 0) {
		put_header(prefix, size, (unsigned long) length);
		return size;
	}
	if (framing == FRAMING_STX_ETX) {
		prefix[0] = STX;
		return 1;
	}
	return 0;
}

static size_t frame_suffix(enum framing framing, unsigned char *suffix) {
	switch (framing) {
	case FRAMING_CRLF: suffix[0] = '\r'; suffix[1] = '\n'; return 2;
	case FRAMING_LF: suffix[0] = '\n'; return 1;
	case FRAMING_NULL: suffix[0] = 0; return 1;
	case FRAMING_STX_ETX: suffix[0] = ETX; return 1;
	default: return 0;
	}
}

/* one whole frame, written at once; raw: just the bytes, the caller ends the stream */
static int frame_send(struct stream *stream, const char *message, size_t length) {
	unsigned char prefix[4];
	unsigned char suffix[2];
	size_t before = frame_prefix(stream->framing, length, prefix);
	size_t after = frame_suffix(stream->framing, suffix);
	char *frame = malloc(before + length + after + 1);
	int result;
	if (frame == NULL) return -1;
	memcpy(frame, prefix, before);
	memcpy(frame + before, message, length);
	memcpy(frame + before + length, suffix, after);
	result = stream->write(stream->handle, frame, before + length + after);
	free(frame);
	return result;
}

/* the beginning of a frame only: its header (or STX) for a message of whole bytes, and
 * part of them ("0123456789..."), never its end */
static int frame_send_partial(struct stream *stream, size_t whole, size_t part) {
	unsigned char prefix[4];
	size_t before = frame_prefix(stream->framing, whole, prefix);
	char *bytes = malloc(part + 1);
	size_t i;
	int result;
	if (bytes == NULL) return -1;
	for (i = 0; i < part; i++) bytes[i] = (char) ('0' + i % 10);
	result = (before > 0 && stream->write(stream->handle, prefix, before) < 0) ? -1
			: stream->write(stream->handle, bytes, part);
	free(bytes);
	return result;
}

/* bytes that are no frame: a length header of all ones (negative or far too long), an
 * stx-etx stream that does not start with STX, terminator framings' bytes that never end */
static int frame_send_garbage(struct stream *stream, size_t max) {
	static const unsigned char ones[4] = { 0xff, 0xff, 0xff, 0xff };
	size_t size = header_size(stream->framing);
	char *bytes;
	size_t i;
	int result;
	if (size > 0) return stream->write(stream->handle, ones, size);
	bytes = malloc(max + 2);
	if (bytes == NULL) return -1;
	/* 0x80 and up, none of them STX, ETX, CR, LF or NUL */
	for (i = 0; i < max + 2; i++) bytes[i] = (char) (0x80 + i % 0x7f);
	result = stream->write(stream->handle, bytes, max + 2);
	free(bytes);
	return result;
}

/* a message too long for a reader whose maximum is max: a header announcing max + 1
 * bytes (and nothing after it), or max + 2 bytes that never reach a terminator */
static int frame_send_oversize(struct stream *stream, size_t max) {
	size_t size = header_size(stream->framing);
	unsigned char prefix[4];
	char *bytes;
	int result;
	if (size > 0) {
		put_header(prefix, size, (unsigned long) (max + 1));
		return stream->write(stream->handle, prefix, size);
	}
	if (stream->framing == FRAMING_STX_ETX) {
		prefix[0] = STX;
		if (stream->write(stream->handle, prefix, 1) < 0) return -1;
	}
	bytes = malloc(max + 2);
	if (bytes == NULL) return -1;
	memset(bytes, 'x', max + 2);
	result = stream->write(stream->handle, bytes, max + 2);
	free(bytes);
	return result;
}

#endif
