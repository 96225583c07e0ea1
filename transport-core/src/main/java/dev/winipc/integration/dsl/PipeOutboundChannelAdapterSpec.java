package dev.winipc.integration.dsl;

import org.springframework.integration.dsl.MessageHandlerSpec;

import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeOutboundChannelAdapter;

/**
 * Spec of a {@link PipeOutboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class PipeOutboundChannelAdapterSpec
		extends MessageHandlerSpec<PipeOutboundChannelAdapterSpec, PipeOutboundChannelAdapter>
		implements PipeEndpointSpec, WinIpcEndpointSpec<PipeOutboundChannelAdapterSpec> {

	PipeOutboundChannelAdapterSpec(PipeConnectionFactory connectionFactory) {
		this.target = new PipeOutboundChannelAdapter(connectionFactory);
	}

	@Override
	public PipeConnectionFactory connectionFactory() {
		return this.target.getConnectionFactory();
	}

}
