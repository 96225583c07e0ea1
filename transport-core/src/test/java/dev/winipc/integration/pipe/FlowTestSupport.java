package dev.winipc.integration.pipe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.winipc.integration.IpcConnectionEvent;

/**
 * Runs each test's flows, built with the {@code WinIpc} DSL, in a real integration
 * context and removes them afterwards; records the connection events they publish and
 * the error messages that reach Spring Integration's {@code errorChannel}. The flow tests
 * of every transport extend it.
 */
@SpringJUnitConfig(FlowTestSupport.Config.class)
public abstract class FlowTestSupport {

	@Autowired
	protected IntegrationFlowContext flows;

	@Autowired
	protected EventRecorder events;

	@Autowired
	private ErrorRecorder errorChannel;

	private final List<IntegrationFlowRegistration> registrations = new ArrayList<>();

	protected IntegrationFlowRegistration register(IntegrationFlow flow) {
		IntegrationFlowRegistration registration = this.flows.registration(flow).register();
		this.registrations.add(registration);
		return registration;
	}

	@BeforeEach
	void forgetEvents() {
		this.events.clear();
		this.errorChannel.received.clear();
	}

	/**
	 * Return the next error message that reached the {@code errorChannel}.
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 */
	protected ErrorMessage nextError() throws InterruptedException {
		ErrorMessage error = this.errorChannel.received.poll(30, TimeUnit.SECONDS);
		if (error == null) {
			throw new AssertionError("no error message reached the errorChannel within 30 s");
		}
		return error;
	}

	/** @return the error messages that reached the {@code errorChannel} and were not taken yet */
	protected List<ErrorMessage> pendingErrors() {
		return List.copyOf(this.errorChannel.received);
	}

	@AfterEach
	void removeFlows() {
		this.registrations.forEach(IntegrationFlowRegistration::destroy);
		this.registrations.clear();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class Config {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

		@Bean
		ErrorRecorder errorRecorder() {
			return new ErrorRecorder();
		}

		@Bean
		IntegrationFlow errorChannelRecording(ErrorRecorder errorRecorder) {
			return IntegrationFlow.from(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)
				.handle((message) -> errorRecorder.received.add((ErrorMessage) message))
				.get();
		}

	}

	/**
	 * The error messages sent to the {@code errorChannel} so far.
	 */
	static final class ErrorRecorder {

		final BlockingQueue<ErrorMessage> received = new LinkedBlockingQueue<>();

	}

	/**
	 * The connection events published so far.
	 */
	protected static final class EventRecorder implements ApplicationListener<IpcConnectionEvent> {

		private final List<IpcConnectionEvent> received = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(IpcConnectionEvent event) {
			this.received.add(event);
		}

		<E extends IpcConnectionEvent> List<E> of(Class<E> type, String endpoint) {
			return this.received.stream()
				.filter(type::isInstance)
				.map(type::cast)
				.filter((event) -> event.getEndpoint().equals(endpoint))
				.toList();
		}

		void clear() {
			this.received.clear();
		}

	}

}
