package dev.winipc.integration.pipe;

import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArraySingleTerminatorSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayStxEtxSerializer;

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
	 * Create the Spring Integration serializer for a byte framing.
	 * @param maxMessageSize the largest message it accepts
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
		serializer.setMaxMessageSize(maxMessageSize);
		return serializer;
	}

}
