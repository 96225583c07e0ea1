package dev.winipc.integration.dsl;

import java.nio.charset.Charset;
import java.time.Duration;

import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationComponentSpec;
import org.springframework.util.backoff.BackOff;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.SpringBackOff;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.integration.pipe.PipeConnectionFactory;
import dev.winipc.integration.pipe.PipeFraming;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.IpcPlatform;

/**
 * Fluent settings of a named pipe, for {@link WinIpc}'s adapters and gateways. Each
 * method sets one property of the {@link PipeConnectionFactory}, which checks it.
 *
 * @since 0.1.0
 */
public class PipeConnectionFactorySpec extends IntegrationComponentSpec<PipeConnectionFactorySpec, PipeConnectionFactory> {

	PipeConnectionFactorySpec(PipeConnectionFactory connectionFactory) {
		this.target = connectionFactory;
	}

	/**
	 * @param framing how message boundaries are marked; default {@link PipeFraming#MESSAGE}
	 * @return this spec
	 * @see PipeConnectionFactory#setFraming
	 */
	public PipeConnectionFactorySpec framing(PipeFraming framing) {
		this.target.setFraming(framing);
		return this;
	}

	/**
	 * @param maxMessageSize the largest inbound message in bytes; default 1 MiB
	 * @return this spec
	 * @see PipeConnectionFactory#setMaxMessageSize
	 */
	public PipeConnectionFactorySpec maxMessageSize(int maxMessageSize) {
		this.target.setMaxMessageSize(maxMessageSize);
		return this;
	}

	/**
	 * @param maxInstances how many clients a server serves at once; default 255
	 * @return this spec
	 * @see PipeConnectionFactory#setMaxInstances
	 */
	public PipeConnectionFactorySpec maxInstances(int maxInstances) {
		this.target.setMaxInstances(maxInstances);
		return this;
	}

	/**
	 * @param bufferSize the OS buffer size and read size; default 64 KiB
	 * @return this spec
	 * @see PipeConnectionFactory#setBufferSize
	 */
	public PipeConnectionFactorySpec bufferSize(int bufferSize) {
		this.target.setBufferSize(bufferSize);
		return this;
	}

	/**
	 * @param connectTimeout how long a client keeps trying to connect; default 5 s
	 * @return this spec
	 * @see PipeConnectionFactory#setConnectTimeout
	 */
	public PipeConnectionFactorySpec connectTimeout(Duration connectTimeout) {
		this.target.setConnectTimeout(connectTimeout);
		return this;
	}

	/**
	 * @param backOff the pauses between connect attempts and reconnects
	 * @return this spec
	 * @see PipeConnectionFactory#setBackOff
	 */
	public PipeConnectionFactorySpec backOff(BackOffPolicy backOff) {
		this.target.setBackOff(backOff);
		return this;
	}

	/**
	 * @param backOff a Spring back-off for the pauses between connect attempts and
	 * reconnects
	 * @return this spec
	 * @see PipeConnectionFactory#setBackOff
	 * @see SpringBackOff#of
	 */
	public PipeConnectionFactorySpec backOff(BackOff backOff) {
		this.target.setBackOff(SpringBackOff.of(backOff));
		return this;
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string or an octal file mode
	 * @return this spec
	 * @see PipeConnectionFactory#setAccess
	 */
	public PipeConnectionFactorySpec access(String access) {
		this.target.setAccess(access);
		return this;
	}

	/**
	 * @param payloadType how inbound payloads are presented; default {@code byte[]}
	 * @return this spec
	 * @see WinIpcMessageMapper#setPayloadType
	 */
	public PipeConnectionFactorySpec payloadType(PayloadType payloadType) {
		this.target.getMapper().setPayloadType(payloadType);
		return this;
	}

	/**
	 * @param charset the charset of {@code String} payloads; default UTF-8
	 * @return this spec
	 * @see WinIpcMessageMapper#setCharset
	 */
	public PipeConnectionFactorySpec charset(Charset charset) {
		this.target.getMapper().setCharset(charset);
		return this;
	}

	/**
	 * @param shutdownTimeout how long a stop waits for requests being handled; default 10 s
	 * @return this spec
	 * @see PipeConnectionFactory#setShutdownTimeout
	 */
	public PipeConnectionFactorySpec shutdownTimeout(Duration shutdownTimeout) {
		this.target.setShutdownTimeout(shutdownTimeout);
		return this;
	}

	/**
	 * @param platform the OS backend; default {@link IpcPlatform#current()}
	 * @return this spec
	 * @see PipeConnectionFactory#setPlatform
	 */
	public PipeConnectionFactorySpec platform(IpcPlatform platform) {
		this.target.setPlatform(platform);
		return this;
	}

	/**
	 * @param taskExecutor runs the accept loop and the connection readers
	 * @return this spec
	 * @see PipeConnectionFactory#setTaskExecutor
	 */
	public PipeConnectionFactorySpec taskExecutor(TaskExecutor taskExecutor) {
		this.target.setTaskExecutor(taskExecutor);
		return this;
	}

}
