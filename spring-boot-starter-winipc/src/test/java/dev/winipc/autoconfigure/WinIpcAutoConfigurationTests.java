package dev.winipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.endpoint.EventDrivenConsumer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeFraming;
import dev.winipc.integration.pipe.PipeInboundChannelAdapter;
import dev.winipc.integration.pipe.PipeInboundGateway;
import dev.winipc.integration.pipe.PipeOutboundChannelAdapter;
import dev.winipc.integration.pipe.PipeOutboundGateway;
import dev.winipc.integration.pipe.PipeRole;
import dev.winipc.testing.PipeNames;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;

import static org.assertj.core.api.Assertions.assertThat;

class WinIpcAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	@Test
	void noPipesRegisterNoEndpoint() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WinIpcProperties.class);
			assertThat(context).doesNotHaveBean(PipeConnectionFactory.class);
		});
	}

	@Test
	void inboundGatewayBindsEveryProperty() {
		String name = PipeNames.unique("bind-inbound");
		String access = OS.WINDOWS.isCurrentOs() ? "D:P(A;;GA;;;OW)" : "0660";
		this.runner.withPropertyValues("winipc.pipes.orders.name=" + name,
				"winipc.pipes.orders.direction=inbound-gateway", "winipc.pipes.orders.role=server",
				"winipc.pipes.orders.channel=order-requests", "winipc.pipes.orders.reply-channel=order-replies",
				"winipc.pipes.orders.framing=crlf", "winipc.pipes.orders.max-message-size=64KB",
				"winipc.pipes.orders.max-instances=3", "winipc.pipes.orders.connect-timeout=2s",
				"winipc.pipes.orders.reply-timeout=3s", "winipc.pipes.orders.payload-type=string",
				"winipc.pipes.orders.charset=UTF-16LE", "winipc.pipes.orders.access=" + access)
			.run((context) -> {
				PipeConnectionFactory connectionFactory = context.getBean("orders.pipeConnectionFactory",
						PipeConnectionFactory.class);
				assertThat(connectionFactory.getName()).isEqualTo(name);
				assertThat(connectionFactory.getRole()).isEqualTo(PipeRole.SERVER);
				assertThat(connectionFactory.getFraming()).isEqualTo(PipeFraming.CRLF);
				PipeOptions options = connectionFactory.getOptions();
				assertThat(options.mode()).isEqualTo(PipeMode.BYTE);
				assertThat(options.maxMessageSize()).isEqualTo(64 * 1024);
				assertThat(options.maxInstances()).isEqualTo(3);
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.access()).isEqualTo(access);
				assertThat(connectionFactory.getMapper().toPayload("héllo".getBytes(StandardCharsets.UTF_16LE)))
					.isEqualTo("héllo");
				PipeInboundGateway gateway = context.getBean("orders.pipeInboundGateway", PipeInboundGateway.class);
				assertThat(gateway.getConnectionFactory()).isSameAs(connectionFactory);
				assertThat(gateway.getRequestChannel()).isSameAs(context.getBean("order-requests"));
				assertThat(gateway.getReplyChannel()).isSameAs(context.getBean("order-replies"));
				assertThat(gateway.isRunning()).isTrue();
				assertThat(propertyValue(context, "orders.pipeInboundGateway", "replyTimeout")).isEqualTo(3000L);
			});
	}

	@Test
	void outboundGatewayBindsEveryProperty() {
		this.runner.withPropertyValues("winipc.pipes.prices.name=" + PipeNames.unique("bind-outbound"),
				"winipc.pipes.prices.direction=outbound-gateway", "winipc.pipes.prices.role=client",
				"winipc.pipes.prices.channel=price-requests", "winipc.pipes.prices.reply-channel=price-replies",
				"winipc.pipes.prices.framing=length-header-2", "winipc.pipes.prices.max-message-size=1000",
				"winipc.pipes.prices.connect-timeout=250ms", "winipc.pipes.prices.reply-timeout=1m",
				"winipc.pipes.prices.payload-type=string", "winipc.pipes.prices.charset=ISO-8859-1")
			.run((context) -> {
				PipeConnectionFactory connectionFactory = context.getBean("prices.pipeConnectionFactory",
						PipeConnectionFactory.class);
				assertThat(connectionFactory.getRole()).isEqualTo(PipeRole.CLIENT);
				assertThat(connectionFactory.getFraming()).isEqualTo(PipeFraming.LENGTH_HEADER_2);
				assertThat(connectionFactory.getOptions().maxMessageSize()).isEqualTo(1000);
				assertThat(connectionFactory.getOptions().connectTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(connectionFactory.getMapper().fromMessage(MessageBuilder.withPayload("é").build()))
					.containsExactly(0xE9);
				assertThat(context.getBean("prices.pipeOutboundGateway")).isInstanceOf(EventDrivenConsumer.class);
				EventDrivenConsumer endpoint = context.getBean("prices.pipeOutboundGateway", EventDrivenConsumer.class);
				PipeOutboundGateway handler = context.getBean("prices.pipeOutboundGateway.handler",
						PipeOutboundGateway.class);
				assertThat(endpoint.getHandler()).isSameAs(handler);
				assertThat(endpoint.getInputChannel()).isSameAs(context.getBean("price-requests"));
				assertThat(endpoint.isRunning()).isTrue();
				assertThat(handler.getConnectionFactory()).isSameAs(connectionFactory);
				assertThat(handler.getOutputChannel()).isSameAs(context.getBean("price-replies"));
				assertThat(propertyValue(context, "prices.pipeOutboundGateway.handler", "replyTimeout"))
					.isEqualTo(60_000L);
			});
	}

	@Test
	void defaultsFollowTheDirection() {
		this.runner.withPropertyValues("winipc.pipes.in.name=" + PipeNames.unique("in"), "winipc.pipes.in.direction=inbound",
				"winipc.pipes.in.channel=a", "winipc.pipes.in-gw.name=" + PipeNames.unique("in-gw"),
				"winipc.pipes.in-gw.direction=inbound-gateway", "winipc.pipes.in-gw.channel=b",
				"winipc.pipes.out.name=" + PipeNames.unique("out"), "winipc.pipes.out.direction=outbound",
				"winipc.pipes.out.channel=c", "winipc.pipes.out-gw.name=" + PipeNames.unique("out-gw"),
				"winipc.pipes.out-gw.direction=outbound-gateway", "winipc.pipes.out-gw.channel=d")
			.run((context) -> {
				assertThat(context.getBean("in.pipeInboundChannelAdapter")).isInstanceOf(PipeInboundChannelAdapter.class);
				assertThat(context.getBean("in-gw.pipeInboundGateway")).isInstanceOf(PipeInboundGateway.class);
				assertThat(context.getBean("out.pipeOutboundChannelAdapter")).isInstanceOf(EventDrivenConsumer.class);
				assertThat(context.getBean("out.pipeOutboundChannelAdapter.handler"))
					.isInstanceOf(PipeOutboundChannelAdapter.class);
				assertThat(context.getBean("out-gw.pipeOutboundGateway")).isInstanceOf(EventDrivenConsumer.class);
				assertThat(role(context, "in")).isEqualTo(PipeRole.SERVER);
				assertThat(role(context, "in-gw")).isEqualTo(PipeRole.SERVER);
				assertThat(role(context, "out")).isEqualTo(PipeRole.CLIENT);
				assertThat(role(context, "out-gw")).isEqualTo(PipeRole.CLIENT);
				for (String id : new String[] { "in", "in-gw", "out", "out-gw" }) {
					PipeConnectionFactory connectionFactory = context.getBean(id + ".pipeConnectionFactory",
							PipeConnectionFactory.class);
					assertThat(connectionFactory.getFraming()).isEqualTo(PipeFraming.MESSAGE);
					PipeOptions options = connectionFactory.getOptions();
					assertThat(options.maxMessageSize()).isEqualTo(1024 * 1024);
					assertThat(options.maxInstances()).isEqualTo(255);
					assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
					assertThat(options.isCurrentUserOnly()).isTrue();
					assertThat(connectionFactory.getMapper().toPayload(new byte[] { 1 })).isEqualTo(new byte[] { 1 });
					assertThat(connectionFactory.getMapper().fromMessage(MessageBuilder.withPayload("é").build()))
						.isEqualTo("é".getBytes(StandardCharsets.UTF_8));
				}
				assertThat(propertyValue(context, "in-gw.pipeInboundGateway", "replyTimeout")).isEqualTo(10_000L);
				assertThat(propertyValue(context, "out-gw.pipeOutboundGateway.handler", "replyTimeout"))
					.isEqualTo(10_000L);
				assertThat(context.getBean("out-gw.pipeOutboundGateway.handler", PipeOutboundGateway.class)
					.getOutputChannel()).isNull();
			});
	}

	@Test
	void propertyDefaultsAreTheTransportDefaults() {
		PipeProperties pipe = new PipeProperties();
		assertThat(pipe.getFraming()).isEqualTo(PipeFraming.MESSAGE);
		assertThat(pipe.getMaxMessageSize().toBytes()).isEqualTo(PipeOptions.DEFAULT_MAX_MESSAGE_SIZE);
		assertThat(pipe.getMaxInstances()).isEqualTo(PipeOptions.DEFAULT_MAX_INSTANCES);
		assertThat(pipe.getConnectTimeout()).isEqualTo(PipeOptions.DEFAULT_CONNECT_TIMEOUT);
		assertThat(pipe.getAccess()).isEqualTo(PipeOptions.CURRENT_USER);
		assertThat(pipe.getPayloadType()).isEqualTo(PayloadType.BYTES);
		assertThat(pipe.getCharset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(pipe.getReplyTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(pipe.getBufferSize().toBytes()).isEqualTo(PipeOptions.DEFAULT_BUFFER_SIZE);
		assertThat(pipe.getBackOff().toPolicy()).isEqualTo(BackOffPolicy.DEFAULT);
		assertThat(new WinIpcProperties().getShutdownTimeout()).isEqualTo(PipeConnectionFactory.DEFAULT_SHUTDOWN_TIMEOUT);
	}

	@Test
	void missingChannelsAreCreatedAsDirectChannels() {
		this.runner.withPropertyValues("winipc.pipes.orders.name=" + PipeNames.unique("channels"),
				"winipc.pipes.orders.direction=inbound-gateway", "winipc.pipes.orders.channel=order-requests",
				"winipc.pipes.orders.reply-channel=order-replies", "winipc.pipes.audit.name=" + PipeNames.unique("audit"),
				"winipc.pipes.audit.direction=outbound", "winipc.pipes.audit.channel=order-requests")
			.run((context) -> {
				assertThat(context.getBean("order-requests")).isExactlyInstanceOf(DirectChannel.class);
				assertThat(context.getBean("order-replies")).isExactlyInstanceOf(DirectChannel.class);
			});
	}

	@Test
	void applicationChannelIsKept() {
		this.runner.withUserConfiguration(QueueChannelConfiguration.class)
			.withPropertyValues("winipc.pipes.events.name=" + PipeNames.unique("kept"), "winipc.pipes.events.direction=inbound",
					"winipc.pipes.events.channel=events")
			.run((context) -> {
				assertThat(context).getBean("events").isExactlyInstanceOf(QueueChannel.class);
				assertThat(context.getBean("events.pipeInboundChannelAdapter", PipeInboundChannelAdapter.class)
					.getOutputChannel()).isSameAs(context.getBean("events"));
			});
	}

	private static PipeRole role(AssertableApplicationContext context, String id) {
		return context.getBean(id + ".pipeConnectionFactory", PipeConnectionFactory.class).getRole();
	}

	private static Object propertyValue(AssertableApplicationContext context, String bean, String property) {
		return context.getBeanFactory().getBeanDefinition(bean).getPropertyValues().get(property);
	}

	@Configuration(proxyBeanMethods = false)
	static class QueueChannelConfiguration {

		@Bean
		MessageChannel events() {
			return new QueueChannel();
		}

	}

}
