package dev.winipc.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.endpoint.EventDrivenConsumer;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.mailslot.MailslotInboundChannelAdapter;
import dev.winipc.integration.mailslot.MailslotOutboundChannelAdapter;
import dev.winipc.integration.mailslot.MailslotSettings;
import dev.winipc.testing.PipeNames;
import dev.winipc.transport.MailslotOptions;

import static org.assertj.core.api.Assertions.assertThat;

class MailslotAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class, WinIpcAutoConfiguration.class));

	@Test
	void inboundMailslotBindsEveryProperty() {
		String name = PipeNames.uniqueMailslot("bind-inbound");
		String access = OS.WINDOWS.isCurrentOs() ? "D:P(A;;GA;;;OW)" : "0660";
		this.runner.withPropertyValues("winipc.shutdown-timeout=3s", "winipc.mailslots.hello.name=" + name,
				"winipc.mailslots.hello.direction=inbound", "winipc.mailslots.hello.channel=hello-messages",
				"winipc.mailslots.hello.max-message-size=4KB", "winipc.mailslots.hello.read-timeout=250ms",
				"winipc.mailslots.hello.payload-type=string", "winipc.mailslots.hello.charset=UTF-16LE",
				"winipc.mailslots.hello.access=" + access)
			.run((context) -> {
				MailslotSettings settings = context.getBean("hello.mailslotSettings", MailslotSettings.class);
				MailslotOptions options = settings.getOptions();
				assertThat(options.name().name()).isEqualTo(name);
				assertThat(options.maxMessageSize()).isEqualTo(4096);
				assertThat(options.readTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(options.access()).isEqualTo(access);
				assertThat(settings.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.getMapper().toPayload("héllo".getBytes(StandardCharsets.UTF_16LE)))
					.isEqualTo("héllo");
				MailslotInboundChannelAdapter adapter = context.getBean("hello.mailslotInboundChannelAdapter",
						MailslotInboundChannelAdapter.class);
				assertThat(adapter.getSettings()).isSameAs(settings);
				assertThat(adapter.getOutputChannel()).isSameAs(context.getBean("hello-messages"));
				assertThat(context.getBean("hello-messages")).isExactlyInstanceOf(DirectChannel.class);
				assertThat(adapter.isRunning()).isTrue();
			});
	}

	@Test
	void outboundMailslotBindsEveryProperty() {
		this.runner.withPropertyValues("winipc.mailslots.out.name=" + PipeNames.uniqueMailslot("bind-outbound"),
				"winipc.mailslots.out.direction=outbound", "winipc.mailslots.out.channel=to-legacy",
				"winipc.mailslots.out.max-message-size=424", "winipc.mailslots.out.send-timeout=1m",
				"winipc.mailslots.out.charset=ISO-8859-1")
			.run((context) -> {
				MailslotSettings settings = context.getBean("out.mailslotSettings", MailslotSettings.class);
				assertThat(settings.getOptions().maxMessageSize()).isEqualTo(424);
				assertThat(settings.getOptions().sendTimeout()).isEqualTo(Duration.ofMinutes(1));
				EventDrivenConsumer endpoint = context.getBean("out.mailslotOutboundChannelAdapter",
						EventDrivenConsumer.class);
				MailslotOutboundChannelAdapter handler = context.getBean("out.mailslotOutboundChannelAdapter.handler",
						MailslotOutboundChannelAdapter.class);
				assertThat(endpoint.getHandler()).isSameAs(handler);
				assertThat(endpoint.getInputChannel()).isSameAs(context.getBean("to-legacy"));
				assertThat(handler.getSettings()).isSameAs(settings);
				assertThat(handler.isRunning()).isTrue();
			});
	}

	@Test
	void propertyDefaultsAreTheTransportDefaults() {
		MailslotProperties mailslot = new MailslotProperties();
		MailslotOptions defaults = MailslotOptions.of("any");
		assertThat(mailslot.getMaxMessageSize().toBytes()).isEqualTo(MailslotOptions.DEFAULT_MAX_MESSAGE_SIZE);
		assertThat(mailslot.getReadTimeout()).isEqualTo(defaults.readTimeout()).isNull();
		assertThat(mailslot.getSendTimeout()).isEqualTo(MailslotOptions.DEFAULT_SEND_TIMEOUT);
		assertThat(mailslot.getAccess()).isEqualTo(defaults.access());
		assertThat(mailslot.getPayloadType()).isEqualTo(PayloadType.BYTES);
		assertThat(new WinIpcProperties().getShutdownTimeout()).isEqualTo(MailslotSettings.DEFAULT_SHUTDOWN_TIMEOUT);
	}

}
