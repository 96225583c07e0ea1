package dev.winipc.integration.dsl;

import java.time.Duration;

import org.springframework.integration.dsl.MessageHandlerSpec;

import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeOutboundGateway;

/**
 * Spec of a {@link PipeOutboundGateway}.
 *
 * @since 0.1.0
 */
public class PipeOutboundGatewaySpec extends MessageHandlerSpec<PipeOutboundGatewaySpec, PipeOutboundGateway>
		implements PipeEndpointSpec, WinIpcEndpointSpec<PipeOutboundGatewaySpec> {

	PipeOutboundGatewaySpec(PipeConnectionFactory connectionFactory) {
		this.target = new PipeOutboundGateway(connectionFactory);
	}

	/**
	 * @param replyTimeout how long to wait for a reply; default 10 s
	 * @return this spec
	 * @see PipeOutboundGateway#setReplyTimeout
	 */
	public PipeOutboundGatewaySpec replyTimeout(Duration replyTimeout) {
		this.target.setReplyTimeout(replyTimeout.toMillis());
		return this;
	}

	@Override
	public PipeConnectionFactory connectionFactory() {
		return this.target.getConnectionFactory();
	}

}
