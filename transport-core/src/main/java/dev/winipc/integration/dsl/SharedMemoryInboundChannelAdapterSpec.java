package dev.winipc.integration.dsl;

import java.nio.charset.Charset;
import java.time.Duration;

import org.springframework.integration.dsl.MessageProducerSpec;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.shm.SharedMemoryInboundChannelAdapter;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.transport.IpcPlatform;

/**
 * Spec of a {@link SharedMemoryInboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class SharedMemoryInboundChannelAdapterSpec
		extends MessageProducerSpec<SharedMemoryInboundChannelAdapterSpec, SharedMemoryInboundChannelAdapter>
		implements WinIpcEndpointSpec<SharedMemoryInboundChannelAdapterSpec> {

	SharedMemoryInboundChannelAdapterSpec(SharedMemoryOptions options) {
		super(new SharedMemoryInboundChannelAdapter(options));
	}

	/**
	 * @param payloadType bytes (default) or string
	 * @return this spec
	 * @see dev.winipc.integration.WinIpcMessageMapper#setPayloadType
	 */
	public SharedMemoryInboundChannelAdapterSpec payloadType(PayloadType payloadType) {
		this.target.getMapper().setPayloadType(payloadType);
		return this;
	}

	/**
	 * @param charset the charset of String payloads; default UTF-8
	 * @return this spec
	 * @see dev.winipc.integration.WinIpcMessageMapper#setCharset
	 */
	public SharedMemoryInboundChannelAdapterSpec charset(Charset charset) {
		this.target.getMapper().setCharset(charset);
		return this;
	}

	/**
	 * @param generateIdAndTimestamp whether messages get Spring's id and timestamp
	 * headers; default {@code true}
	 * @return this spec
	 * @see SharedMemoryInboundChannelAdapter#setGenerateIdAndTimestamp
	 */
	public SharedMemoryInboundChannelAdapterSpec generateIdAndTimestamp(boolean generateIdAndTimestamp) {
		this.target.setGenerateIdAndTimestamp(generateIdAndTimestamp);
		return this;
	}

	/**
	 * @param unblockTimeout how long a ring may stall on a record a writer abandoned
	 * before it is skipped; default 5 s
	 * @return this spec
	 * @see SharedMemoryInboundChannelAdapter#setUnblockTimeout
	 */
	public SharedMemoryInboundChannelAdapterSpec unblockTimeout(Duration unblockTimeout) {
		this.target.setUnblockTimeout(unblockTimeout);
		return this;
	}

	/**
	 * @param shutdownTimeout how long a stop waits for the message being handled; default
	 * 10 s
	 * @return this spec
	 * @see SharedMemoryInboundChannelAdapter#setShutdownTimeout
	 */
	public SharedMemoryInboundChannelAdapterSpec shutdownTimeout(Duration shutdownTimeout) {
		this.target.setShutdownTimeout(shutdownTimeout);
		return this;
	}

	/**
	 * @param platform the OS backend; default the current one
	 * @return this spec
	 * @see SharedMemoryInboundChannelAdapter#setPlatform
	 */
	public SharedMemoryInboundChannelAdapterSpec platform(IpcPlatform platform) {
		this.target.setPlatform(platform);
		return this;
	}

}
