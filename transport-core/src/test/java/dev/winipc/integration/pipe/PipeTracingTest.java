package dev.winipc.integration.pipe;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.config.EnableIntegrationManagement;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.winipc.integration.dsl.WinIpc;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With tracing, Spring Integration's observation of a winipc endpoint is a span, and the
 * flow's observed components (here its channel) are spans of the same trace, as for its
 * own adapters.
 */
@SpringJUnitConfig
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX peer on a Unix domain socket")
class PipeTracingTest {

	private static final String PIPE = PipeNames.unique("traced");

	@Autowired
	private SimpleTracer tracer;

	@Test
	void messageFromANativePeerIsTracedThroughTheFlow() {
		try (PeerProcess peer = NativePeers.start("pipe_peer", "send", PipeNames.posixPath(PIPE), "traced")) {
			assertThat(peer.finish()).containsExactly("sent 1");
		}
		await().untilAsserted(() -> assertThat(this.tracer.getSpans()).hasSize(2));
		List<SimpleSpan> spans = List.copyOf(this.tracer.getSpans());
		SimpleSpan adapter = spans.stream()
			.filter((span) -> "traced-pipe receive".equals(span.getName()))
			.findFirst()
			.orElseThrow();
		assertThat(adapter.getTags()).containsEntry("spring.integration.name", "traced-pipe")
			.containsEntry("spring.integration.type", "message-producer");
		// the flow's channel, observed too, is a span of the same trace, a child of the adapter's
		assertThat(spans).filteredOn((span) -> span != adapter)
			.singleElement()
			.satisfies((channel) -> {
				assertThat(channel.getTraceId()).isEqualTo(adapter.getTraceId());
				assertThat(channel.getParentId()).isEqualTo(adapter.getSpanId());
				assertThat(channel.getTags()).containsEntry("spring.integration.name", "tracedFlow.channel#0");
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	@EnableIntegrationManagement(observationPatterns = "traced*")
	static class Config {

		@Bean
		SimpleTracer tracer() {
			return new SimpleTracer();
		}

		@Bean
		ObservationRegistry observationRegistry(SimpleTracer tracer) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
			return registry;
		}

		@Bean
		IntegrationFlow tracedFlow() {
			return IntegrationFlow.from(WinIpc.inboundAdapter(WinIpc.pipeServer(PIPE)).id("traced-pipe"))
				.handle((message) -> {
				})
				.get();
		}

	}

}
