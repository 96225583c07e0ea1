package dev.winipc.integration.dsl;

import org.springframework.integration.dsl.MessagingGatewaySpec;

import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeInboundGateway;

/**
 * Spec of a {@link PipeInboundGateway}.
 *
 * @since 0.1.0
 */
public class PipeInboundGatewaySpec extends MessagingGatewaySpec<PipeInboundGatewaySpec, PipeInboundGateway>
		implements PipeEndpointSpec, WinIpcEndpointSpec<PipeInboundGatewaySpec> {

	PipeInboundGatewaySpec(PipeConnectionFactory connectionFactory) {
		super(new PipeInboundGateway(connectionFactory));
	}

	@Override
	public PipeConnectionFactory connectionFactory() {
		return this.target.getConnectionFactory();
	}

}
