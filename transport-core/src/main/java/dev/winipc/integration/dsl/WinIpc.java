package dev.winipc.integration.dsl;

import dev.winipc.integration.mailslot.MailslotSettings;
import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeRole;
import dev.winipc.integration.sync.MutexLockRegistry;

/**
 * Java DSL entry point for winipc endpoints, as {@code Tcp} is for TCP.
 * <pre class="code">
 * &#64;Bean
 * IntegrationFlow orders() {
 *     return IntegrationFlow.from(WinIpc.inboundGateway(WinIpc.pipeServer("orders").payloadType(PayloadType.STRING)))
 *             .transform(String::toUpperCase)
 *             .get();
 * }
 * </pre>
 * Endpoints built on one {@link PipeConnectionFactorySpec} share its pipe: one inbound
 * endpoint and any number of outbound adapters.
 * <pre class="code">
 * PipeConnectionFactorySpec orders = WinIpc.pipeServer("orders");
 * &#64;Bean
 * IntegrationFlow asyncReplies() {
 *     return IntegrationFlow.from(WinIpc.inboundAdapter(orders))
 *             .handle(this::process)
 *             .handle(WinIpc.outboundAdapter(orders))   // back to the client by winipc_connectionId
 *             .get();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class WinIpc {

	private WinIpc() {
	}

	/**
	 * Settings of a pipe this application serves.
	 * @param name the pipe name, e.g. {@code orders} for {@code \\.\pipe\orders}
	 * @return the spec
	 */
	public static PipeConnectionFactorySpec pipeServer(String name) {
		return new PipeConnectionFactorySpec(new PipeConnectionFactory(name, PipeRole.SERVER));
	}

	/**
	 * Settings of a pipe another process serves.
	 * @param name the pipe name
	 * @return the spec
	 */
	public static PipeConnectionFactorySpec pipeClient(String name) {
		return new PipeConnectionFactorySpec(new PipeConnectionFactory(name, PipeRole.CLIENT));
	}

	/**
	 * An inbound channel adapter on the pipe.
	 * @param pipe the pipe's settings
	 * @return the spec
	 */
	public static PipeInboundChannelAdapterSpec inboundAdapter(PipeConnectionFactorySpec pipe) {
		return new PipeInboundChannelAdapterSpec(pipe.getObject());
	}

	/**
	 * An outbound channel adapter on the pipe.
	 * @param pipe the pipe's settings
	 * @return the spec
	 */
	public static PipeOutboundChannelAdapterSpec outboundAdapter(PipeConnectionFactorySpec pipe) {
		return new PipeOutboundChannelAdapterSpec(pipe.getObject());
	}

	/**
	 * An inbound gateway on the pipe.
	 * @param pipe the pipe's settings
	 * @return the spec
	 */
	public static PipeInboundGatewaySpec inboundGateway(PipeConnectionFactorySpec pipe) {
		return new PipeInboundGatewaySpec(pipe.getObject());
	}

	/**
	 * An outbound gateway on the pipe.
	 * @param pipe the pipe's settings
	 * @return the spec
	 */
	public static PipeOutboundGatewaySpec outboundGateway(PipeConnectionFactorySpec pipe) {
		return new PipeOutboundGatewaySpec(pipe.getObject());
	}

	/**
	 * Settings of a mailslot: this application reads it with
	 * {@link #inboundAdapter(MailslotSpec)}, or writes to it with
	 * {@link #outboundAdapter(MailslotSpec)}.
	 * @param name the mailslot name, e.g. {@code HelloWorld} for {@code \\.\mailslot\HelloWorld}
	 * @return the spec
	 */
	public static MailslotSpec mailslot(String name) {
		return new MailslotSpec(new MailslotSettings(name));
	}

	/**
	 * An inbound channel adapter reading the mailslot: it creates the slot.
	 * @param mailslot the mailslot's settings
	 * @return the spec
	 */
	public static MailslotInboundChannelAdapterSpec inboundAdapter(MailslotSpec mailslot) {
		return new MailslotInboundChannelAdapterSpec(mailslot.getObject());
	}

	/**
	 * An outbound channel adapter writing to the mailslot.
	 * @param mailslot the mailslot's settings
	 * @return the spec
	 */
	public static MailslotOutboundChannelAdapterSpec outboundAdapter(MailslotSpec mailslot) {
		return new MailslotOutboundChannelAdapterSpec(mailslot.getObject());
	}

	/**
	 * Settings of a named shared-memory segment: a ring by default.
	 * <pre class="code">
	 * IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.sharedMemory("ticks").capacity(1 &lt;&lt; 20)))
	 * </pre>
	 * @param name the segment's name, e.g. {@code ticks} or {@code Local\HelloWorld}
	 * @return the spec
	 */
	public static SharedMemorySpec sharedMemory(String name) {
		return new SharedMemorySpec(name);
	}

	/**
	 * An inbound channel adapter on the segment: a ring's reader or a region's poller.
	 * @param segment the segment's settings
	 * @return the spec
	 */
	public static SharedMemoryInboundChannelAdapterSpec inboundAdapter(SharedMemorySpec segment) {
		return new SharedMemoryInboundChannelAdapterSpec(segment.options());
	}

	/**
	 * An outbound channel adapter on the segment: a ring's writer or a region's writer.
	 * @param segment the segment's settings
	 * @return the spec
	 */
	public static SharedMemoryOutboundChannelAdapterSpec outboundAdapter(SharedMemorySpec segment) {
		return new SharedMemoryOutboundChannelAdapterSpec(segment.options());
	}

	/**
	 * A lock registry whose locks are named mutexes shared with the other processes of
	 * this machine, for {@code LockRegistryLeaderInitiator} and
	 * {@code LockRequestHandlerAdvice}.
	 * <pre class="code">
	 * &#64;Bean
	 * MutexLockRegistry lockRegistry() {
	 *     return WinIpc.lockRegistry("Local\\orders-");
	 * }
	 * </pre>
	 * @param namePrefix what every mutex name starts with, the lock key following; its
	 * namespace ({@code Local\} or {@code Global\}), if it has one, is the mutexes'
	 * @return the registry
	 */
	public static MutexLockRegistry lockRegistry(String namePrefix) {
		return new MutexLockRegistry(namePrefix);
	}

	/**
	 * Settings of a named event: auto-reset by default.
	 * @param name the event's name, e.g. {@code Local\HelloWorldWritten} or {@code ready}
	 * @return the spec
	 */
	public static EventSpec event(String name) {
		return new EventSpec(name);
	}

	/**
	 * An inbound channel adapter on the event: a message each time it is set.
	 * @param event the event's settings
	 * @return the spec
	 */
	public static EventInboundChannelAdapterSpec inboundAdapter(EventSpec event) {
		return new EventInboundChannelAdapterSpec(event.options());
	}

	/**
	 * An outbound channel adapter on the event: sets, pulses or resets it per message.
	 * @param event the event's settings
	 * @return the spec
	 */
	public static EventOutboundChannelAdapterSpec outboundAdapter(EventSpec event) {
		return new EventOutboundChannelAdapterSpec(event.options());
	}

}
