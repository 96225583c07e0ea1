package dev.winipc.integration.dsl;

import java.nio.charset.Charset;

import org.springframework.integration.dsl.MessageHandlerSpec;

import dev.winipc.integration.shm.SharedMemoryOutboundChannelAdapter;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.transport.IpcPlatform;

/**
 * Spec of a {@link SharedMemoryOutboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class SharedMemoryOutboundChannelAdapterSpec
		extends MessageHandlerSpec<SharedMemoryOutboundChannelAdapterSpec, SharedMemoryOutboundChannelAdapter>
		implements WinIpcEndpointSpec<SharedMemoryOutboundChannelAdapterSpec> {

	SharedMemoryOutboundChannelAdapterSpec(SharedMemoryOptions options) {
		this.target = new SharedMemoryOutboundChannelAdapter(options);
	}

	/**
	 * @param charset the charset String payloads are written in; default UTF-8
	 * @return this spec
	 * @see dev.winipc.integration.WinIpcMessageMapper#setCharset
	 */
	public SharedMemoryOutboundChannelAdapterSpec charset(Charset charset) {
		this.target.getMapper().setCharset(charset);
		return this;
	}

	/**
	 * @param platform the OS backend; default the current one
	 * @return this spec
	 * @see SharedMemoryOutboundChannelAdapter#setPlatform
	 */
	public SharedMemoryOutboundChannelAdapterSpec platform(IpcPlatform platform) {
		this.target.setPlatform(platform);
		return this;
	}

}
