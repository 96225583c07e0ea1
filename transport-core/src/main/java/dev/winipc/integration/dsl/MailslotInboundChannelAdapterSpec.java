package dev.winipc.integration.dsl;

import org.springframework.integration.dsl.MessageProducerSpec;

import dev.winipc.integration.mailslot.MailslotInboundChannelAdapter;
import dev.winipc.integration.mailslot.MailslotSettings;

/**
 * Spec of a {@link MailslotInboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class MailslotInboundChannelAdapterSpec
		extends MessageProducerSpec<MailslotInboundChannelAdapterSpec, MailslotInboundChannelAdapter>
		implements WinIpcEndpointSpec<MailslotInboundChannelAdapterSpec> {

	MailslotInboundChannelAdapterSpec(MailslotSettings settings) {
		super(new MailslotInboundChannelAdapter(settings));
	}

}
