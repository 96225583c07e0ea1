package dev.winipc.integration.dsl;

import dev.winipc.integration.WinIpcEndpoint;

/**
 * What every winipc endpoint spec offers besides Spring Integration's own
 * ({@code id}, {@code autoStartup}, {@code phase}, {@code errorChannel}): the id that
 * names the endpoint in health and metrics. An inbound endpoint's {@code id(..)} names
 * it too; an outbound one's bean is named by Spring Integration unless set here.
 * <pre class="code">
 * flow.handle(WinIpc.outboundAdapter(WinIpc.pipeClient("legacy")).endpointId("legacy"))
 * </pre>
 *
 * @param <S> the spec
 * @since 0.1.0
 */
public interface WinIpcEndpointSpec<S extends WinIpcEndpointSpec<S>> {

	/**
	 * Return the endpoint the spec builds.
	 * @return the endpoint
	 */
	WinIpcEndpoint getObject();

	/**
	 * @param endpointId the id that names the endpoint in health and metrics; default its
	 * bean name
	 * @return this spec
	 * @see WinIpcEndpoint#setEndpointId
	 */
	@SuppressWarnings("unchecked")
	default S endpointId(String endpointId) {
		getObject().setEndpointId(endpointId);
		return (S) this;
	}

}
