package dev.winipc.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.winipc.integration.PayloadType;
import dev.winipc.transport.PipeOptions;

/**
 * What every winipc endpoint declared in configuration has, whatever its transport.
 *
 * @since 0.1.0
 */
public abstract class EndpointProperties {

	/**
	 * Name of the OS object as a Windows user writes it; each transport's guide gives
	 * its POSIX mapping.
	 */
	private @Nullable String name;

	/**
	 * Channel the endpoint sends inbound messages to, or reads outbound messages from.
	 * Created as a DirectChannel when no bean has this name, unless
	 * spring.integration.channel.auto-create is false.
	 */
	private @Nullable String channel;

	/**
	 * How inbound payloads are presented: bytes (byte[]) or string (decoded with the
	 * charset).
	 */
	private PayloadType payloadType = PayloadType.BYTES;

	/**
	 * Charset of String payloads, both ways.
	 */
	private Charset charset = StandardCharsets.UTF_8;

	/**
	 * Who may use the endpoint's object: current-user, or a wider grant: an SDDL string
	 * on Windows (e.g. 'D:P(A;;GA;;;AU)'), an octal file mode on POSIX (e.g. 0660).
	 */
	private String access = PipeOptions.CURRENT_USER;

	/**
	 * Inbound endpoints: channel a failed flow's error message goes to, with the failed
	 * message and the winipc headers of where it arrived. Default Spring Integration's
	 * errorChannel.
	 */
	private @Nullable String errorChannel;

	/**
	 * Whether the endpoint starts with the application; when false it is started through
	 * the control bus or its Lifecycle bean.
	 */
	private boolean autoStartup = true;

	/**
	 * Lifecycle phase the endpoint starts in (and stops in, the other way round). Default
	 * Spring Integration's for the kind of endpoint: Integer.MAX_VALUE / 2 for inbound
	 * adapters, 0 for inbound gateways, Integer.MIN_VALUE for outbound endpoints.
	 */
	private @Nullable Integer phase;

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getChannel() {
		return this.channel;
	}

	public void setChannel(@Nullable String channel) {
		this.channel = channel;
	}

	public PayloadType getPayloadType() {
		return this.payloadType;
	}

	public void setPayloadType(PayloadType payloadType) {
		this.payloadType = payloadType;
	}

	public Charset getCharset() {
		return this.charset;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	public String getAccess() {
		return this.access;
	}

	public void setAccess(String access) {
		this.access = access;
	}

	public @Nullable String getErrorChannel() {
		return this.errorChannel;
	}

	public void setErrorChannel(@Nullable String errorChannel) {
		this.errorChannel = errorChannel;
	}

	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	public @Nullable Integer getPhase() {
		return this.phase;
	}

	public void setPhase(@Nullable Integer phase) {
		this.phase = phase;
	}

}
