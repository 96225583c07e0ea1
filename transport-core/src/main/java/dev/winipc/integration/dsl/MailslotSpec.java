package dev.winipc.integration.dsl;

import java.nio.charset.Charset;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.dsl.IntegrationComponentSpec;

import dev.winipc.integration.PayloadType;
import dev.winipc.integration.WinIpcMessageMapper;
import dev.winipc.integration.mailslot.MailslotSettings;
import dev.winipc.transport.IpcPlatform;

/**
 * Fluent settings of a mailslot, for {@link WinIpc}'s mailslot adapters. Each method sets
 * one property of the {@link MailslotSettings}, which checks it.
 *
 * @since 0.1.0
 */
public class MailslotSpec extends IntegrationComponentSpec<MailslotSpec, MailslotSettings> {

	MailslotSpec(MailslotSettings settings) {
		this.target = settings;
	}

	/**
	 * @param maxMessageSize the largest message in bytes; default 64 KiB
	 * @return this spec
	 * @see MailslotSettings#setMaxMessageSize
	 */
	public MailslotSpec maxMessageSize(int maxMessageSize) {
		this.target.setMaxMessageSize(maxMessageSize);
		return this;
	}

	/**
	 * @param readTimeout how long one read waits; {@code null} until a message arrives
	 * @return this spec
	 * @see MailslotSettings#setReadTimeout
	 */
	public MailslotSpec readTimeout(@Nullable Duration readTimeout) {
		this.target.setReadTimeout(readTimeout);
		return this;
	}

	/**
	 * @param sendTimeout how long a write waits while the reader's queue is full; default 5 s
	 * @return this spec
	 * @see MailslotSettings#setSendTimeout
	 */
	public MailslotSpec sendTimeout(Duration sendTimeout) {
		this.target.setSendTimeout(sendTimeout);
		return this;
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string or an octal file mode
	 * @return this spec
	 * @see MailslotSettings#setAccess
	 */
	public MailslotSpec access(String access) {
		this.target.setAccess(access);
		return this;
	}

	/**
	 * @param payloadType how inbound payloads are presented; default {@code byte[]}
	 * @return this spec
	 * @see WinIpcMessageMapper#setPayloadType
	 */
	public MailslotSpec payloadType(PayloadType payloadType) {
		this.target.getMapper().setPayloadType(payloadType);
		return this;
	}

	/**
	 * @param charset the charset of {@code String} payloads; default UTF-8
	 * @return this spec
	 * @see WinIpcMessageMapper#setCharset
	 */
	public MailslotSpec charset(Charset charset) {
		this.target.getMapper().setCharset(charset);
		return this;
	}

	/**
	 * @param shutdownTimeout how long a stopping reader hands queued messages to its
	 * flow; default 10 s
	 * @return this spec
	 * @see MailslotSettings#setShutdownTimeout
	 */
	public MailslotSpec shutdownTimeout(Duration shutdownTimeout) {
		this.target.setShutdownTimeout(shutdownTimeout);
		return this;
	}

	/**
	 * @param platform the OS backend; default {@link IpcPlatform#current()}
	 * @return this spec
	 * @see MailslotSettings#setPlatform
	 */
	public MailslotSpec platform(IpcPlatform platform) {
		this.target.setPlatform(platform);
		return this;
	}

}
