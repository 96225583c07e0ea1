package dev.winipc.integration.dsl;

import org.springframework.integration.dsl.MessageHandlerSpec;

import dev.winipc.integration.sync.EventAction;
import dev.winipc.integration.sync.EventOutboundChannelAdapter;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SyncOptions;

/**
 * Spec of an {@link EventOutboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class EventOutboundChannelAdapterSpec
		extends MessageHandlerSpec<EventOutboundChannelAdapterSpec, EventOutboundChannelAdapter>
		implements WinIpcEndpointSpec<EventOutboundChannelAdapterSpec> {

	EventOutboundChannelAdapterSpec(SyncOptions options) {
		this.target = new EventOutboundChannelAdapter(options);
	}

	/**
	 * @param action set (default), pulse or reset, for each message
	 * @return this spec
	 * @see EventOutboundChannelAdapter#setAction
	 */
	public EventOutboundChannelAdapterSpec action(EventAction action) {
		this.target.setAction(action);
		return this;
	}

	/**
	 * @param platform the OS backend; default the current one
	 * @return this spec
	 * @see EventOutboundChannelAdapter#setPlatform
	 */
	public EventOutboundChannelAdapterSpec platform(IpcPlatform platform) {
		this.target.setPlatform(platform);
		return this;
	}

}
