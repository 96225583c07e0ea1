package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeOptions;

/**
 * The settings of one named-pipe endpoint and, while its adapter runs, its connections:
 * in the {@link PipeRole#SERVER} role an accept loop and one reader per client; in the
 * {@link PipeRole#CLIENT} role one connection, re-established with back-off after the
 * server goes away. Used by exactly one adapter or gateway, which starts and stops it.
 * <pre class="code">
 * PipeConnectionFactory orders = new PipeConnectionFactory("orders", PipeRole.SERVER);
 * orders.setFraming(PipeFraming.CRLF);
 * PipeInboundChannelAdapter adapter = new PipeInboundChannelAdapter(orders);
 * </pre>
 *
 * @since 0.1.0
 */
public class PipeConnectionFactory {

	private final String name;

	private final PipeRole role;

	private PipeFraming framing = PipeFraming.MESSAGE;

	private int maxMessageSize = PipeOptions.DEFAULT_MAX_MESSAGE_SIZE;

	private int maxInstances = PipeOptions.DEFAULT_MAX_INSTANCES;

	private int bufferSize = PipeOptions.DEFAULT_BUFFER_SIZE;

	private Duration connectTimeout = PipeOptions.DEFAULT_CONNECT_TIMEOUT;

	private Duration maxRetryInterval = Duration.ofSeconds(5);

	private String access = PipeOptions.CURRENT_USER;

	private PipeMessageMapper mapper = new PipeMessageMapper();

	private @Nullable IpcPlatform platform;

	private @Nullable TaskExecutor taskExecutor;

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable PipeConnections active;

	/**
	 * Create the settings of a pipe endpoint.
	 * @param name the pipe name, e.g. {@code orders} for {@code \\.\pipe\orders}
	 * @param role whether this end serves or connects
	 */
	public PipeConnectionFactory(String name, PipeRole role) {
		Assert.hasText(name, "name must not be empty");
		Assert.notNull(role, "role must not be null");
		this.name = name;
		this.role = role;
	}

	/** @return the pipe name */
	public String getName() {
		return this.name;
	}

	/** @return whether this end serves or connects */
	public PipeRole getRole() {
		return this.role;
	}

	/** @return how message boundaries are marked */
	public PipeFraming getFraming() {
		return this.framing;
	}

	/** @param framing how message boundaries are marked; default {@link PipeFraming#MESSAGE} */
	public void setFraming(PipeFraming framing) {
		this.framing = framing;
	}

	/** @param maxMessageSize the largest inbound message, in bytes; default 1 MiB */
	public void setMaxMessageSize(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	/** @param maxInstances how many clients a server serves at once (1-255); default 255 */
	public void setMaxInstances(int maxInstances) {
		this.maxInstances = maxInstances;
	}

	/** @param bufferSize the OS buffer size and read size; default 64 KiB */
	public void setBufferSize(int bufferSize) {
		this.bufferSize = bufferSize;
	}

	/** @param connectTimeout how long a client keeps trying to connect; default 5 s */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/** @return how long a client keeps trying to connect */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * @param maxRetryInterval the longest pause between a listening client's reconnect
	 * attempts; default 5 s
	 */
	public void setMaxRetryInterval(Duration maxRetryInterval) {
		this.maxRetryInterval = maxRetryInterval;
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string (Windows) or an octal
	 * file mode (POSIX)
	 */
	public void setAccess(@Nullable String access) {
		this.access = (access != null) ? access : PipeOptions.CURRENT_USER;
	}

	/** @return maps between the pipe's bytes and Spring messages */
	public PipeMessageMapper getMapper() {
		return this.mapper;
	}

	/** @param mapper maps between the pipe's bytes and Spring messages */
	public void setMapper(PipeMessageMapper mapper) {
		Assert.notNull(mapper, "mapper must not be null");
		this.mapper = mapper;
	}

	/** @param platform the OS backend; default {@link IpcPlatform#current()} */
	public void setPlatform(IpcPlatform platform) {
		this.platform = platform;
	}

	/** @param taskExecutor runs the accept loop and connection readers; default one thread each */
	public void setTaskExecutor(TaskExecutor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	/**
	 * Return the transport options these settings make.
	 * @return the options
	 */
	public PipeOptions toOptions() {
		return PipeOptions.builder(this.name)
			.mode(this.framing.pipeMode())
			.maxMessageSize(this.maxMessageSize)
			.maxInstances(this.maxInstances)
			.bufferSize(this.bufferSize)
			.connectTimeout(this.connectTimeout)
			.access(this.access)
			.build();
	}

	/**
	 * Return the pipe's OS path, for messages.
	 * @return e.g. {@code \\.\pipe\orders} or {@code /tmp/CoreFxPipe_orders}
	 */
	public String describe() {
		return "windows".equals(platform().name()) ? toOptions().name().windowsPipePath()
				: toOptions().name().posixPipePath().toString();
	}

	/**
	 * Start serving or connecting. A server starts accepting; a client connects now and
	 * keeps reconnecting when {@code connectNow}, otherwise on first use.
	 * @param messageListener receives every inbound message, or {@code null} for
	 * outbound-only endpoints (an inbound message is then logged and discarded)
	 * @param connectNow whether a client connects at start and keeps reconnecting
	 * @throws UncheckedIOException if a server cannot create its pipe; the cause names
	 * the pipe and the OS error
	 */
	public void start(@Nullable Listener messageListener, boolean connectNow) {
		synchronized (this.lifecycleMonitor) {
			if (this.active == null) {
				PipeConnections connections = new PipeConnections(this.name, this.role, toOptions(), this.framing,
						this.maxRetryInterval, platform(), executor(), messageListener);
				connections.start(connectNow);
				this.active = connections;
			}
		}
	}

	/**
	 * Stop: close the pipe server, every connection and the reconnect loop.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			PipeConnections connections = this.active;
			if (connections != null) {
				this.active = null;
				connections.stop();
			}
		}
	}

	/** @return whether the endpoint runs */
	public boolean isRunning() {
		return this.active != null;
	}

	/**
	 * Return the open connections: a server's clients, or a client's one connection.
	 * @return a snapshot of the connections, empty when not running
	 */
	public Collection<FramedConnection> getConnections() {
		PipeConnections connections = this.active;
		return (connections != null) ? connections.all() : List.of();
	}

	/**
	 * Return the open connection with this id.
	 * @param connectionId the {@code winipc_connectionId}
	 * @return the connection, or {@code null} if it is not open
	 */
	public @Nullable FramedConnection getConnection(String connectionId) {
		PipeConnections connections = this.active;
		return (connections != null) ? connections.get(connectionId) : null;
	}

	/**
	 * Return the client connection, connecting first if there is none open.
	 * @return the connection
	 * @throws IOException naming the pipe and the OS error if no server answered within
	 * the connect timeout
	 */
	public FramedConnection obtainClientConnection() throws IOException {
		Assert.state(this.role == PipeRole.CLIENT, () -> "Pipe " + this.name + " is in the server role");
		PipeConnections connections = this.active;
		Assert.state(connections != null, () -> "Pipe endpoint " + this.name + " is not running");
		return connections.obtainClientConnection();
	}

	private IpcPlatform platform() {
		IpcPlatform current = this.platform;
		if (current == null) {
			current = IpcPlatform.current();
			this.platform = current;
		}
		return current;
	}

	private TaskExecutor executor() {
		TaskExecutor current = this.taskExecutor;
		if (current == null) {
			SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("winipc-" + this.name + "-");
			threads.setDaemon(true);
			current = threads;
			this.taskExecutor = current;
		}
		return current;
	}

	@Override
	public String toString() {
		return "PipeConnectionFactory[" + this.name + ", " + this.role + ", " + this.framing + "]";
	}

	/**
	 * Receives what arrives on the endpoint's connections.
	 */
	public interface Listener {

		/**
		 * Handle one inbound message; runs on the connection's reader thread.
		 * @param connection where it arrived
		 * @param message the bytes
		 */
		void onMessage(FramedConnection connection, byte[] message);

		/**
		 * Called once when a connection has closed, for whatever reason.
		 * @param connection the closed connection
		 */
		default void onClose(FramedConnection connection) {
		}

	}

}
