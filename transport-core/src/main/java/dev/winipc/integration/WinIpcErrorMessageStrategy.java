package dev.winipc.integration;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.AttributeAccessor;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Builds the error message a winipc inbound endpoint sends to its error channel when
 * the flow fails on a message: the exception as payload (its {@code failedMessage} is the
 * message the flow failed on), the message that arrived as
 * {@link ErrorMessage#getOriginalMessage() original message}, and as headers the
 * {@link WinIpcHeaders} of where it arrived ({@code winipc_transport},
 * {@code winipc_endpoint}, {@code winipc_connectionId}, the peer) plus
 * {@link WinIpcHeaders#ENDPOINT_ID} naming the endpoint. An error flow can answer the
 * peer through an outbound adapter by that {@code winipc_connectionId}.
 *
 * @since 0.1.0
 */
public class WinIpcErrorMessageStrategy implements ErrorMessageStrategy {

	private final WinIpcEndpoint endpoint;

	/**
	 * Create the strategy of an endpoint.
	 * @param endpoint the endpoint whose id the error messages carry
	 */
	public WinIpcErrorMessageStrategy(WinIpcEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public ErrorMessage buildErrorMessage(Throwable throwable, @Nullable AttributeAccessor attributes) {
		Object input = (attributes != null) ? attributes.getAttribute(ErrorMessageUtils.INPUT_MESSAGE_CONTEXT_KEY)
				: null;
		Map<String, Object> headers = new HashMap<>();
		if (input instanceof Message<?> message) {
			message.getHeaders().forEach((name, value) -> {
				if (name.startsWith(WinIpcHeaders.PREFIX)) {
					headers.put(name, value);
				}
			});
			headers.put(WinIpcHeaders.ENDPOINT_ID, this.endpoint.getEndpointId());
			return new ErrorMessage(throwable, headers, message);
		}
		headers.put(WinIpcHeaders.ENDPOINT_ID, this.endpoint.getEndpointId());
		return new ErrorMessage(throwable, headers);
	}

}
