package dev.winipc.integration.pipe;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import javax.management.MBeanFeatureInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.endpoint.ReactiveMessageSourceProducer;
import org.springframework.integration.handler.LoggingHandler;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.jmx.config.EnableIntegrationMBeanExport;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.winipc.integration.EndpointStatus;
import dev.winipc.integration.WinIpcEndpoint;
import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipe endpoints declared as {@code IntegrationFlow} beans under the application's
 * control: an outbound adapter that does not start with the context, started and stopped
 * through Spring Integration's control bus by its bean name, as is an inbound adapter;
 * and the JMX view Spring Integration's MBean exporter gives them, beside the one it
 * gives its own TCP adapters.
 */
@SpringJUnitConfig
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX socket files show whether a pipe is served")
class PipeEndpointControlTest {

	private static final String INBOUND = PipeNames.unique("controlled-in");

	private static final String OUTBOUND = PipeNames.unique("controlled-out");

	static final String DOMAIN = "winipc-test";

	@Autowired
	private ApplicationContext context;

	@Autowired
	@Qualifier("controlBus.input")
	private MessageChannel controlBus;

	@Autowired
	private MBeanServer mbeans;

	private final MessagingTemplate template = new MessagingTemplate();

	@Test
	void outboundAdapterThatDoesNotStartAutomaticallyIsStartedAndStoppedThroughTheControlBus() {
		Path socket = Path.of(PipeNames.posixPath(OUTBOUND));
		assertThat(socket).as("not served before it is started").doesNotExist();
		assertThat(this.context.getBean("pipeOut", SmartLifecycle.class).getPhase()).isEqualTo(42);
		assertThat(command("pipeOut.isRunning")).isEqualTo(false);
		assertThat(this.context.getBean("pipeOut.handler", WinIpcEndpoint.class).getEndpointState().status())
			.isEqualTo(EndpointStatus.STOPPED);

		this.template.convertAndSend(this.controlBus, "pipeOut.start");
		assertThat(socket).exists();
		assertThat(command("pipeOut.isRunning")).isEqualTo(true);
		assertThat(this.context.getBean("pipeOut.handler", WinIpcEndpoint.class).getEndpointState().status())
			.isEqualTo(EndpointStatus.UP);

		this.template.convertAndSend(this.controlBus, "pipeOut.stop");
		assertThat(socket).doesNotExist();
		assertThat(command("pipeOut.isRunning")).isEqualTo(false);
	}

	@Test
	void inboundAdapterIsStoppedAndStartedThroughTheControlBus() {
		Path socket = Path.of(PipeNames.posixPath(INBOUND));
		assertThat(socket).exists();
		this.template.convertAndSend(this.controlBus, "pipeIn.stop");
		assertThat(socket).doesNotExist();
		assertThat(command("pipeIn.isRunning")).isEqualTo(false);
		assertThat(this.context.getBean("pipeIn", WinIpcEndpoint.class).getEndpointState().status())
			.isEqualTo(EndpointStatus.STOPPED);
		this.template.convertAndSend(this.controlBus, "pipeIn.start");
		assertThat(socket).exists();
		assertThat(command("pipeIn.isRunning")).isEqualTo(true);
	}

	@Test
	void jmxShowsWinIpcEndpointsAsSpringIntegrationShowsItsOwn() throws Exception {
		ObjectName pipeIn = endpoint("pipeIn");
		assertThat(features(pipeIn)).isEqualTo(features(endpoint("sourceIn")))
			.contains("attribute Running", "operation start", "operation stop");
		// TCP's adapter shows what every endpoint shows, and its client mode
		assertThat(features(endpoint("tcpIn"))).containsAll(features(pipeIn));
		// a handler with a lifecycle shows it besides what every handler shows, as TCP's does
		assertThat(features(handler("pipeOut"))).containsAll(features(handler("loggerOut")))
			.contains("attribute Running", "operation start", "operation stop");
		assertThat(features(handler("tcpOut"))).containsAll(features(handler("pipeOut")));

		assertThat(this.mbeans.getAttribute(pipeIn, "Running")).isEqualTo(true);
		this.mbeans.invoke(pipeIn, "stop", new Object[0], new String[0]);
		assertThat(this.mbeans.getAttribute(pipeIn, "Running")).isEqualTo(false);
		assertThat(Path.of(PipeNames.posixPath(INBOUND))).doesNotExist();
		this.mbeans.invoke(pipeIn, "start", new Object[0], new String[0]);
		assertThat(this.mbeans.getAttribute(pipeIn, "Running")).isEqualTo(true);
	}

	private ObjectName endpoint(String name) throws Exception {
		ObjectName objectName = new ObjectName(DOMAIN + ":type=ManagedEndpoint,name=" + name + ",bean=endpoint");
		assertThat(this.mbeans.isRegistered(objectName)).as("%s is registered", objectName).isTrue();
		return objectName;
	}

	private ObjectName handler(String name) throws Exception {
		Set<ObjectName> names = this.mbeans.queryNames(new ObjectName(DOMAIN + ":type=MessageHandler,name=" + name + ",*"),
				null);
		assertThat(names).as("the MessageHandler MBean of %s", name).hasSize(1);
		return names.iterator().next();
	}

	private Object command(String command) {
		return this.template.convertSendAndReceive(this.controlBus, command, Object.class);
	}

	private Set<String> features(ObjectName name) throws Exception {
		MBeanInfo info = this.mbeans.getMBeanInfo(name);
		Set<String> features = new TreeSet<>();
		Arrays.stream(info.getAttributes()).map((attribute) -> "attribute " + name(attribute)).forEach(features::add);
		Arrays.stream(info.getOperations()).map((operation) -> "operation " + name(operation)).forEach(features::add);
		return features;
	}

	private static String name(MBeanFeatureInfo feature) {
		return feature.getName();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	@EnableIntegrationMBeanExport(server = "mbeanServer", defaultDomain = PipeEndpointControlTest.DOMAIN)
	static class Config {

		@Bean
		MBeanServer mbeanServer() {
			return MBeanServerFactory.newMBeanServer();
		}

		@Bean
		QueueChannel sink() {
			return new QueueChannel();
		}

		@Bean
		IntegrationFlow pipeInFlow() {
			return IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(INBOUND)).id("pipeIn"))
				.channel("sink")
				.get();
		}

		@Bean
		ReactiveMessageSourceProducer sourceIn() {
			ReactiveMessageSourceProducer producer = new ReactiveMessageSourceProducer(() -> null);
			producer.setOutputChannelName("sink");
			return producer;
		}

		@Bean
		IntegrationFlow loggerOutFlow() {
			return (flow) -> flow.handle(new LoggingHandler(LoggingHandler.Level.INFO),
					(endpoint) -> endpoint.id("loggerOut"));
		}

		@Bean
		IntegrationFlow tcpInFlow() {
			return IntegrationFlow.from(Tcp.inboundAdapter(Tcp.netServer(0)).id("tcpIn")).channel("sink").get();
		}

		@Bean
		IntegrationFlow pipeOutFlow() {
			return (flow) -> flow.handle(WinIpc.outboundAdapter(WinIpc.pipeServer(OUTBOUND)),
					(endpoint) -> endpoint.id("pipeOut").autoStartup(false).phase(42));
		}

		@Bean
		IntegrationFlow tcpOutFlow() {
			return (flow) -> flow.handle(Tcp.outboundAdapter(Tcp.netServer(0)),
					(endpoint) -> endpoint.id("tcpOut").autoStartup(false));
		}

		@Bean
		IntegrationFlow controlBus() {
			return (flow) -> flow.controlBus();
		}

	}

}
