package dev.winipc.shm;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * How a region's content is delimited and, for text, encoded.
 *
 * @since 0.1.0
 */
public enum RegionEncoding {

	/** The content is bytes: the whole region (a seqlock region: the bytes written). */
	BYTES(null, 0),

	/** UTF-8 text up to the first NUL byte, as a C {@code char[]} holds it. */
	UTF_8(StandardCharsets.UTF_8, 1),

	/**
	 * UTF-16LE text up to the first NUL character (two zero bytes at an even offset), as
	 * C# {@code Marshal.PtrToStringUni} and wide-char C ({@code wchar_t[]} on Windows)
	 * read it.
	 */
	UTF_16LE(StandardCharsets.UTF_16LE, 2);

	private final @Nullable Charset charset;

	private final int terminatorLength;

	RegionEncoding(@Nullable Charset charset, int terminatorLength) {
		this.charset = charset;
		this.terminatorLength = terminatorLength;
	}

	/**
	 * Return the charset of the text.
	 * @return the charset, or {@code null} for {@link #BYTES}
	 */
	public @Nullable Charset charset() {
		return this.charset;
	}

	/**
	 * Return how many zero bytes end the text.
	 * @return 0 for {@link #BYTES}, 1 for UTF-8, 2 for UTF-16LE
	 */
	public int terminatorLength() {
		return this.terminatorLength;
	}

	/**
	 * Return where the content held in some bytes ends.
	 * @param bytes the region's bytes
	 * @param length how many of them there are
	 * @return the content's length: up to the terminator, or {@code length} when there
	 * is none (or for {@link #BYTES})
	 */
	public int contentLength(byte[] bytes, int length) {
		if (this.terminatorLength == 1) {
			for (int i = 0; i < length; i++) {
				if (bytes[i] == 0) {
					return i;
				}
			}
		}
		else if (this.terminatorLength == 2) {
			for (int i = 0; i + 1 < length; i += 2) {
				if (bytes[i] == 0 && bytes[i + 1] == 0) {
					return i;
				}
			}
			return length & ~1;
		}
		return length;
	}

}
