package dev.winipc.integration.pipe;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.AbstractPooledBufferByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArraySingleTerminatorSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayStxEtxSerializer;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeMode;

/**
 * How message boundaries are marked on a pipe. {@link #MESSAGE} lets the OS keep them
 * (a Win32 message-mode pipe; on POSIX a 4-byte big-endian length, as Python's
 * {@code multiprocessing.connection} writes). The others run over a byte-mode pipe with
 * Spring Integration's TCP serializers.
 *
 * @since 0.1.0
 */
public enum PipeFraming {

	/** OS message boundaries (default). */
	MESSAGE,

	/** A 1-byte unsigned length, then the bytes. */
	LENGTH_HEADER_1,

	/** A 2-byte big-endian unsigned length, then the bytes. */
	LENGTH_HEADER_2,

	/** A 4-byte big-endian length, then the bytes. */
	LENGTH_HEADER_4,

	/** Bytes terminated by {@code \r\n}. */
	CRLF,

	/** Bytes terminated by {@code \n}. */
	LF,

	/** Bytes terminated by a single NUL. */
	NULL,

	/** {@code STX} (0x02), the bytes, {@code ETX} (0x03). */
	STX_ETX,

	/** One message per connection: the bytes up to the end of the stream. */
	RAW;

	/**
	 * Return the pipe mode this framing runs over.
	 * @return {@link PipeMode#MESSAGE} for {@link #MESSAGE}, else {@link PipeMode#BYTE}
	 */
	public PipeMode pipeMode() {
		return (this == MESSAGE) ? PipeMode.MESSAGE : PipeMode.BYTE;
	}

	/**
	 * Create the Spring Integration serializer for a byte framing, one per connection.
	 * The maximum is the largest message's payload in bytes, whatever the framing: Spring
	 * Integration's terminator framings count the terminator (and a byte more) against
	 * theirs, so they get that much more room.
	 * @param maxMessageSize the largest message it accepts, in bytes of payload
	 * @return a serializer and deserializer in one
	 * @throws IllegalStateException for {@link #MESSAGE}, which the OS frames
	 */
	public AbstractByteArraySerializer serializer(int maxMessageSize) {
		AbstractByteArraySerializer serializer = switch (this) {
			case MESSAGE -> throw new IllegalStateException("MESSAGE framing is done by the pipe itself");
			case LENGTH_HEADER_1 -> new ByteArrayLengthHeaderSerializer(ByteArrayLengthHeaderSerializer.HEADER_SIZE_UNSIGNED_BYTE);
			case LENGTH_HEADER_2 -> new ByteArrayLengthHeaderSerializer(ByteArrayLengthHeaderSerializer.HEADER_SIZE_UNSIGNED_SHORT);
			case LENGTH_HEADER_4 -> new ByteArrayLengthHeaderSerializer(ByteArrayLengthHeaderSerializer.HEADER_SIZE_INT);
			case CRLF -> new ByteArrayCrLfSerializer();
			case LF -> new ByteArrayLfSerializer();
			case NULL -> new ByteArraySingleTerminatorSerializer((byte) 0);
			case STX_ETX -> new ByteArrayStxEtxSerializer();
			case RAW -> new ByteArrayRawSerializer();
		};
		serializer.setMaxMessageSize(saturatedAdd(maxMessageSize, extraRoom()));
		if (serializer instanceof AbstractPooledBufferByteArraySerializer pooled) {
			// One reader per connection: one working buffer, reused for every message.
			pooled.setPoolSize(1);
		}
		return serializer;
	}

	/**
	 * Fail unless a payload can be sent in this framing: it must fit a length header, and
	 * hold no terminator of a terminator framing, which would split it in two on arrival.
	 * @param payload the bytes to send
	 * @param path the pipe's OS path, for the message
	 * @throws IpcException naming the pipe and what is wrong
	 */
	public void requireFrameable(byte[] payload, String path) throws IpcException {
		String problem = problemFraming(payload);
		if (problem != null) {
			throw new IpcException("write", path, problem);
		}
	}

	/**
	 * Return why a payload cannot be sent in this framing, if it cannot.
	 * @param payload the bytes to send
	 * @return what is wrong, or {@code null} when the payload can be framed
	 * @see #requireFrameable(byte[], String)
	 */
	public @Nullable String problemFraming(byte[] payload) {
		int limit = switch (this) {
			case LENGTH_HEADER_1 -> 0xff;
			case LENGTH_HEADER_2 -> 0xffff;
			default -> Integer.MAX_VALUE;
		};
		if (payload.length > limit) {
			return propertyValue() + " framing: a " + payload.length
					+ "-byte message does not fit its length header, which holds at most " + limit;
		}
		int at = indexOf(payload, terminator());
		if (at >= 0) {
			return propertyValue() + " framing: the message holds the framing's terminator at byte " + at
					+ "; it would arrive as two messages";
		}
		return null;
	}

	private static int indexOf(byte[] payload, byte[] terminator) {
		if (terminator.length == 0) {
			return -1;
		}
		outer: for (int i = 0; i <= payload.length - terminator.length; i++) {
			for (int j = 0; j < terminator.length; j++) {
				if (payload[i + j] != terminator[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * Return the bytes that end a message, which its payload must not contain.
	 * @return the terminator, or an empty array for framings with none
	 */
	byte[] terminator() {
		return switch (this) {
			case CRLF -> new byte[] { '\r', '\n' };
			case LF -> new byte[] { '\n' };
			case NULL -> new byte[] { 0 };
			case STX_ETX -> new byte[] { 0x03 };
			default -> new byte[0];
		};
	}

	/**
	 * Return the framing as configuration writes it.
	 * @return e.g. {@code length-header-2}
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The serializer fails once its buffer holds its maximum: room for the terminator. */
	private int extraRoom() {
		return switch (this) {
			case CRLF -> 2;
			case LF, NULL, STX_ETX -> 1;
			default -> 0;
		};
	}

	private static int saturatedAdd(int value, int extra) {
		return (value > Integer.MAX_VALUE - extra) ? Integer.MAX_VALUE : value + extra;
	}

}
