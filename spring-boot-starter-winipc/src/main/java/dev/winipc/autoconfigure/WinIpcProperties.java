package dev.winipc.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * winipc endpoints declared in configuration. Each entry of {@code winipc.pipes} binds
 * one named-pipe endpoint to a message channel:
 * <pre class="code">
 * winipc:
 *   pipes:
 *     orders:
 *       name: orders                 # \\.\pipe\orders, or $TMPDIR/CoreFxPipe_orders
 *       direction: inbound-gateway
 *       channel: order-requests
 *       payload-type: string
 *   shared-memory:
 *     ticks:
 *       name: ticks                  # Local\ticks, or /dev/shm/ticks
 *       direction: inbound           # the ring's reader
 *       channel: ticks
 *   events:
 *     written:
 *       name: Local\HelloWorldWritten
 *       direction: inbound           # a message each time it is set
 *       channel: written
 *   locks:
 *     name-prefix: Local\orders-     # the LockRegistry bean's mutexes
 * </pre>
 *
 * @since 0.1.0
 */
@ConfigurationProperties(WinIpcProperties.PREFIX)
public class WinIpcProperties {

	/** The prefix of every winipc property. */
	public static final String PREFIX = "winipc";

	/**
	 * How long a stopping endpoint waits for the requests it is handling to finish and
	 * their replies to go out, before it closes its connections.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Whether a SIGTERM stops the application gracefully with exit status 0 (what
	 * service managers count as a clean stop) rather than the JVM's 143.
	 */
	private boolean gracefulSigterm = true;

	/**
	 * Named-pipe endpoints, by an id of your choice; each binds one pipe to a channel.
	 */
	private Map<String, PipeProperties> pipes = new LinkedHashMap<>();

	/**
	 * Mailslot endpoints, by an id of your choice; each binds one mailslot to a channel.
	 */
	private Map<String, MailslotProperties> mailslots = new LinkedHashMap<>();

	/**
	 * Shared-memory endpoints, by an id of your choice; each binds one ring or region to
	 * a channel.
	 */
	private Map<String, SharedMemoryProperties> sharedMemory = new LinkedHashMap<>();

	/**
	 * Named-event endpoints, by an id of your choice; each binds one event to a channel.
	 */
	private Map<String, EventProperties> events = new LinkedHashMap<>();

	/**
	 * The LockRegistry over named mutexes.
	 */
	@NestedConfigurationProperty
	private LockProperties locks = new LockProperties();

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isGracefulSigterm() {
		return this.gracefulSigterm;
	}

	public void setGracefulSigterm(boolean gracefulSigterm) {
		this.gracefulSigterm = gracefulSigterm;
	}

	public Map<String, PipeProperties> getPipes() {
		return this.pipes;
	}

	public void setPipes(Map<String, PipeProperties> pipes) {
		this.pipes = pipes;
	}

	public Map<String, MailslotProperties> getMailslots() {
		return this.mailslots;
	}

	public void setMailslots(Map<String, MailslotProperties> mailslots) {
		this.mailslots = mailslots;
	}

	public Map<String, SharedMemoryProperties> getSharedMemory() {
		return this.sharedMemory;
	}

	public void setSharedMemory(Map<String, SharedMemoryProperties> sharedMemory) {
		this.sharedMemory = sharedMemory;
	}

	public Map<String, EventProperties> getEvents() {
		return this.events;
	}

	public void setEvents(Map<String, EventProperties> events) {
		this.events = events;
	}

	public LockProperties getLocks() {
		return this.locks;
	}

	public void setLocks(LockProperties locks) {
		this.locks = locks;
	}

}
