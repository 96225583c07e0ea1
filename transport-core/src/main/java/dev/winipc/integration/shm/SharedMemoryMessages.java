package dev.winipc.integration.shm;

import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.transport.IpcPlatform;

/**
 * What both shared-memory adapters derive from their settings: the mapper in effect (a
 * region's text encoding fixes the charset) and the platform.
 */
final class SharedMemoryMessages {

	/** The {@link dev.winipc.integration.WinIpcHeaders#TRANSPORT} value of shared-memory messages. */
	static final String TRANSPORT = "shared-memory";

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

	static IpcPlatform platform(@Nullable IpcPlatform configured) {
		return (configured != null) ? configured : IpcPlatform.current();
	}

}
