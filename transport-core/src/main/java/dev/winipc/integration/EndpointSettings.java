package dev.winipc.integration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.winipc.transport.IpcPlatform;

/**
 * What the settings of every winipc endpoint have besides its transport's own options:
 * the message mapper, the OS backend, and how long a stop waits for the work under way.
 * A transport's settings class ({@code PipeConnectionFactory}, {@code MailslotSettings})
 * extends it.
 *
 * @since 0.1.0
 */
public abstract class EndpointSettings {

	/** Default time a stop waits for the work under way to finish. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private WinIpcMessageMapper mapper = new WinIpcMessageMapper();

	private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

	private @Nullable IpcPlatform platform;

	/** @return maps between the endpoint's bytes and Spring messages */
	public WinIpcMessageMapper getMapper() {
		return this.mapper;
	}

	/** @param mapper maps between the endpoint's bytes and Spring messages */
	public void setMapper(WinIpcMessageMapper mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		this.mapper = mapper;
	}

	/** @return how long a stop waits for the work under way */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * @param shutdownTimeout how long a stop waits for the work under way — requests
	 * being handled and their replies, messages already queued — before it closes the
	 * OS objects; default 10 s
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(!shutdownTimeout.isNegative(), "shutdownTimeout must not be negative");
		this.shutdownTimeout = shutdownTimeout;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		this.platform = platform;
	}

	/**
	 * Return the OS backend.
	 * @return the one set, or {@link IpcPlatform#current()}
	 */
	public IpcPlatform getPlatform() {
		IpcPlatform current = this.platform;
		if (current == null) {
			current = IpcPlatform.current();
			this.platform = current;
		}
		return current;
	}

}
