package dev.winipc.integration.dsl;

import org.springframework.integration.dsl.MessageHandlerSpec;

import dev.winipc.integration.mailslot.MailslotOutboundChannelAdapter;
import dev.winipc.integration.mailslot.MailslotSettings;

/**
 * Spec of a {@link MailslotOutboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class MailslotOutboundChannelAdapterSpec
		extends MessageHandlerSpec<MailslotOutboundChannelAdapterSpec, MailslotOutboundChannelAdapter>
		implements WinIpcEndpointSpec<MailslotOutboundChannelAdapterSpec> {

	MailslotOutboundChannelAdapterSpec(MailslotSettings settings) {
		this.target = new MailslotOutboundChannelAdapter(settings);
	}

}
