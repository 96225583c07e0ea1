package dev.winipc.integration.dsl;

import org.springframework.integration.dsl.MessageProducerSpec;

import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeInboundChannelAdapter;

/**
 * Spec of a {@link PipeInboundChannelAdapter}.
 *
 * @since 0.1.0
 */
public class PipeInboundChannelAdapterSpec
		extends MessageProducerSpec<PipeInboundChannelAdapterSpec, PipeInboundChannelAdapter>
		implements PipeEndpointSpec, WinIpcEndpointSpec<PipeInboundChannelAdapterSpec> {

	PipeInboundChannelAdapterSpec(PipeConnectionFactory connectionFactory) {
		super(new PipeInboundChannelAdapter(connectionFactory));
	}

	@Override
	public PipeConnectionFactory connectionFactory() {
		return this.target.getConnectionFactory();
	}

}
