package dev.winipc.integration.dsl;

import java.nio.charset.Charset;
import java.time.Duration;

import org.springframework.integration.dsl.MessageProducerSpec;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.sync.EventInboundChannelAdapter;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SyncOptions;

/**
 * Spec of an {@link EventInboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class EventInboundChannelAdapterSpec
		extends MessageProducerSpec<EventInboundChannelAdapterSpec, EventInboundChannelAdapter>
		implements WinIpcEndpointSpec<EventInboundChannelAdapterSpec> {

	EventInboundChannelAdapterSpec(SyncOptions options) {
		super(new EventInboundChannelAdapter(options));
	}

	/**
	 * @param payloadType bytes (default) or string: how the payload, the event's name, is
	 * presented
	 * @return this spec
	 * @see dev.winipc.integration.WinIpcMessageMapper#setPayloadType
	 */
	public EventInboundChannelAdapterSpec payloadType(PayloadType payloadType) {
		this.target.getMapper().setPayloadType(payloadType);
		return this;
	}

	/**
	 * @param charset the charset of String payloads; default UTF-8
	 * @return this spec
	 * @see dev.winipc.integration.WinIpcMessageMapper#setCharset
	 */
	public EventInboundChannelAdapterSpec charset(Charset charset) {
		this.target.getMapper().setCharset(charset);
		return this;
	}

	/**
	 * @param shutdownTimeout how long a stop waits for the message being handled; default
	 * 10 s
	 * @return this spec
	 * @see EventInboundChannelAdapter#setShutdownTimeout
	 */
	public EventInboundChannelAdapterSpec shutdownTimeout(Duration shutdownTimeout) {
		this.target.setShutdownTimeout(shutdownTimeout);
		return this;
	}

	/**
	 * @param platform the OS backend; default the current one
	 * @return this spec
	 * @see EventInboundChannelAdapter#setPlatform
	 */
	public EventInboundChannelAdapterSpec platform(IpcPlatform platform) {
		this.target.setPlatform(platform);
		return this;
	}

}
