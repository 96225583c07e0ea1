package dev.winipc.integration.shm;

import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRegion;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.transport.IpcException;

/**
 * What both shared-memory adapters share: the mapper in effect (a region's text encoding
 * fixes the charset), whether a segment's name still leads to it, the ring's fill, and
 * the texts of their state and meters.
 */
final class SharedMemoryMessages {

	/** The {@link dev.winipc.integration.WinIpcHeaders#TRANSPORT} value of shared-memory messages. */
	static final String TRANSPORT = "shared-memory";

	/** Why an endpoint whose segment's name was removed is down. */
	static final String REMOVED = "the segment's name was removed by another process: writers and readers that "
			+ "open the name now reach another segment";

	/** The description of a ring endpoint's {@code winipc.ring.fill} gauge. */
	static final String RING_FILL = "Bytes the ring holds, written and not yet read";

	private SharedMemoryMessages() {
	}

	/**
	 * Return the mapper an endpoint uses: the configured one, or for a text encoding a
	 * copy with the encoding's charset.
	 * @param configured the configured mapper
	 * @param options the endpoint's settings
	 * @return the mapper in effect
	 */
	static WinIpcMessageMapper effectiveMapper(WinIpcMessageMapper configured, SharedMemoryOptions options) {
		@Nullable Charset charset = options.encoding().charset();
		if (charset == null || charset.equals(configured.getCharset())) {
			return configured;
		}
		WinIpcMessageMapper mapper = new WinIpcMessageMapper();
		mapper.setPayloadType(configured.getPayloadType());
		mapper.setCharset(charset);
		return mapper;
	}

	/**
	 * Return whether the segment an endpoint has open is still the one its name leads to.
	 * @param ring the ring, if it is one
	 * @param region the region, if it is one
	 * @return {@code false} once another process removed the name
	 */
	static boolean isStillNamed(@Nullable SharedMemoryRing ring, @Nullable SharedMemoryRegion region) {
		return (ring != null) ? ring.isStillNamed() : (region == null || region.isStillNamed());
	}

	/**
	 * Return what a ring holds unread, for its gauge.
	 * @param ring the ring, if the endpoint has one open
	 * @return its bytes written and not yet read, or {@code NaN}
	 */
	static double pending(@Nullable SharedMemoryRing ring) {
		try {
			return (ring != null) ? ring.pending() : Double.NaN;
		}
		catch (IpcException ex) {
			return Double.NaN;
		}
	}

}
