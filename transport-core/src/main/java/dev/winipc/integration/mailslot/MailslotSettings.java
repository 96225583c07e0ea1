package dev.winipc.integration.mailslot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.winipc.integration.EndpointSettings;
import dev.winipc.transport.MailslotOptions;

/**
 * One mailslot's settings, for the endpoints on it: the transport settings (held in the
 * one {@link MailslotOptions.Builder}, which checks each value as it is set) and, as
 * every endpoint's, the message mapper, the OS backend and the shutdown timeout (for a
 * reader: how long a stop goes on handing queued messages to the flow).
 * <pre class="code">
 * MailslotSettings hello = new MailslotSettings("HelloWorld");
 * hello.getMapper().setPayloadType(PayloadType.STRING);
 * MailslotInboundChannelAdapter reader = new MailslotInboundChannelAdapter(hello);
 * </pre>
 *
 * @since 0.1.0
 */
public class MailslotSettings extends EndpointSettings {

	/** The {@link dev.winipc.integration.WinIpcHeaders#TRANSPORT} value of mailslot messages. */
	public static final String TRANSPORT = "mailslot";

	private final MailslotOptions.Builder options;

	/**
	 * Create a mailslot's settings, every one at its default.
	 * @param name the mailslot name, e.g. {@code HelloWorld} for {@code \\.\mailslot\HelloWorld}
	 * @throws IllegalArgumentException if the name is not a valid mailslot name
	 */
	public MailslotSettings(String name) {
		Assert.hasText(name, "name must not be empty");
		this.options = MailslotOptions.builder(name);
	}

	/** @return the mailslot name */
	public String getName() {
		return getOptions().name().name();
	}

	/**
	 * Return the transport settings as they stand.
	 * @return the options
	 */
	public MailslotOptions getOptions() {
		return this.options.build();
	}

	/**
	 * @param maxMessageSize the largest message, in bytes; default 64 KiB
	 * @see MailslotOptions.Builder#maxMessageSize
	 */
	public void setMaxMessageSize(int maxMessageSize) {
		this.options.maxMessageSize(maxMessageSize);
	}

	/**
	 * @param readTimeout how long one read waits; {@code null} (the default) until a
	 * message arrives
	 * @see MailslotOptions.Builder#readTimeout
	 */
	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.options.readTimeout(readTimeout);
	}

	/**
	 * @param sendTimeout how long a write waits while the reader's queue is full; default 5 s
	 * @see MailslotOptions.Builder#sendTimeout
	 */
	public void setSendTimeout(Duration sendTimeout) {
		this.options.sendTimeout(sendTimeout);
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string (Windows) or an octal
	 * file mode (POSIX)
	 * @see MailslotOptions.Builder#access
	 */
	public void setAccess(@Nullable String access) {
		this.options.access(access);
	}

	/**
	 * Return the mailslot's OS name, for messages.
	 * @return e.g. {@code \\.\mailslot\HelloWorld} or {@code /tmp/winipc-mailslot-HelloWorld}
	 */
	public String describe() {
		return getPlatform().osName(getOptions().name());
	}

	@Override
	public String toString() {
		return "MailslotSettings[" + getName() + "]";
	}

}
