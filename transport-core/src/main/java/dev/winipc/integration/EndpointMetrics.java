package dev.winipc.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.util.ClassUtils;

/**
 * The meters of one winipc endpoint, called on its hot paths. An endpoint starts with
 * {@link #NONE}, which does nothing; once Spring Integration hands it a Micrometer
 * {@link MetricsCaptor} (an application with a {@code MeterRegistry}), the endpoint
 * {@link #builder registers} its meters, each built once with its tags, so that counting
 * a message allocates nothing:
 * <ul>
 * <li>{@value #MESSAGES} (counter; tags {@code endpoint}, {@code transport},
 * {@code direction}, {@code result} = {@code ok} | {@code error}): whole messages read
 * from or written to the OS object, and input that could not be read as a message or a
 * write that failed;</li>
 * <li>{@value #BYTES} (counter, same tags but {@code result}): the bytes of the messages
 * counted {@code ok};</li>
 * <li>{@value #SEND} (timer): each successful send of an outbound adapter, each request of
 * an outbound gateway until its reply, each request of an inbound gateway until its reply
 * went out;</li>
 * <li>{@value #CONNECTIONS} (gauge, pipes) and {@value #RING_FILL} (gauge, rings: bytes
 * written and not yet read).</li>
 * </ul>
 * {@code direction} is {@code inbound} for what the endpoint reads and {@code outbound}
 * for what it writes, so a gateway counts both; a gauge carries the endpoint's own side.
 *
 * @since 0.1.0
 */
public interface EndpointMetrics {

	/** Name of the message counter. */
	String MESSAGES = "winipc.messages";

	/** Name of the byte counter. */
	String BYTES = "winipc.bytes";

	/** Name of the send timer. */
	String SEND = "winipc.send";

	/** Name of the gauge of a pipe's open connections. */
	String CONNECTIONS = "winipc.connections";

	/** Name of the gauge of the bytes a ring holds unread. */
	String RING_FILL = "winipc.ring.fill";

	/** Meters that count nothing: an endpoint's until it registers real ones. */
	EndpointMetrics NONE = new EndpointMetrics() {
	};

	/**
	 * Count a whole message read.
	 * @param bytes its size
	 */
	default void received(int bytes) {
	}

	/**
	 * Count whole messages read at once, e.g. a batch of ring records.
	 * @param messages how many
	 * @param bytes their sizes' sum
	 */
	default void received(long messages, long bytes) {
	}

	/**
	 * Count input that could not be read as a message: too large, cut short, malformed,
	 * refused.
	 */
	default void receiveFailed() {
	}

	/**
	 * Note when a send begins, for the timer.
	 * @return the start to hand to {@link #sent}; {@code 0} when nothing is timed
	 */
	default long sendStarted() {
		return 0;
	}

	/**
	 * Count a message written, and time its send.
	 * @param bytes its size
	 * @param started what {@link #sendStarted()} returned
	 */
	default void sent(int bytes, long started) {
	}

	/**
	 * Count a send that failed.
	 */
	default void sendFailed() {
	}

	/**
	 * Remove the meters from their registry, when the endpoint is destroyed.
	 */
	default void remove() {
	}

	/**
	 * Start describing an endpoint's meters.
	 * @param endpointId the {@code endpoint} tag, e.g. {@code winipc.pipes.orders}
	 * @param transport the {@code transport} tag, e.g. {@code pipe}
	 * @param side the {@code direction} tag of the endpoint's gauges: {@code inbound} or
	 * {@code outbound}
	 * @return the builder
	 */
	static Builder builder(String endpointId, String transport, String side) {
		return new Builder(endpointId, transport, side);
	}

	/**
	 * Describes the meters an endpoint has; {@link #register} builds them.
	 */
	final class Builder {

		private static final boolean MICROMETER_PRESENT = ClassUtils
			.isPresent("io.micrometer.core.instrument.MeterRegistry", Builder.class.getClassLoader());

		final String endpointId;

		final String transport;

		final String side;

		boolean receives;

		boolean sends;

		final List<EndpointGauge> gauges = new ArrayList<>();

		private Builder(String endpointId, String transport, String side) {
			this.endpointId = endpointId;
			this.transport = transport;
			this.side = side;
		}

		/**
		 * The endpoint reads messages: it counts them with {@code direction=inbound}.
		 * @return this builder
		 */
		public Builder receives() {
			this.receives = true;
			return this;
		}

		/**
		 * The endpoint writes messages: it counts them with {@code direction=outbound},
		 * and times its sends.
		 * @return this builder
		 */
		public Builder sends() {
			this.sends = true;
			return this;
		}

		/**
		 * Add a gauge, read when the registry publishes.
		 * @param name e.g. {@link #CONNECTIONS}
		 * @param description what it measures
		 * @param value reads it; {@code NaN} when there is nothing to read
		 * @return this builder
		 */
		public Builder gauge(String name, String description, DoubleSupplier value) {
			this.gauges.add(new EndpointGauge(name, description, value));
			return this;
		}

		/**
		 * Register the meters with the captor's registry.
		 * @param captor what Spring Integration hands its components
		 * @return the meters, or {@link #NONE} if the captor is not Micrometer's
		 */
		public EndpointMetrics register(MetricsCaptor captor) {
			return MICROMETER_PRESENT ? MicrometerEndpointMetrics.register(captor, this) : NONE;
		}

	}

	/**
	 * One gauge of an endpoint.
	 * @param name its name
	 * @param description what it measures
	 * @param value reads it
	 */
	record EndpointGauge(String name, String description, DoubleSupplier value) {
	}

}
