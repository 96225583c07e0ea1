package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.util.Assert;

import dev.winipc.integration.EndpointMetrics;
import dev.winipc.integration.EndpointSettings;
import dev.winipc.integration.EndpointState;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.PipeOptions;

/**
 * One named pipe, shared by the endpoints that use it: its settings (held in the one
 * {@link PipeOptions.Builder}, which checks each value as it is set) and, while any of
 * its endpoints runs, its connections. In the {@link PipeRole#SERVER} role that is an
 * accept loop and one reader per client; in the {@link PipeRole#CLIENT} role one
 * connection, re-established with the options' back-off after the server went away.
 * <p>
 * Like Spring Integration's collaborating TCP adapters, one pipe has at most one
 * listener (an inbound adapter or gateway, or an outbound gateway, which reads the
 * replies) and any number of senders (outbound adapters): an inbound adapter and an
 * outbound adapter on one server answer each client by its
 * {@link dev.winipc.integration.WinIpcHeaders#CONNECTION_ID}. The pipe runs while any of
 * its endpoints runs; no endpoint owns its lifecycle alone.
 * <pre class="code">
 * PipeConnectionFactory orders = new PipeConnectionFactory("orders", PipeRole.SERVER);
 * orders.setFraming(PipeFraming.CRLF);
 * PipeInboundChannelAdapter requests = new PipeInboundChannelAdapter(orders);
 * PipeOutboundChannelAdapter replies = new PipeOutboundChannelAdapter(orders);
 * </pre>
 * Connections opening, closing and failing are published as
 * {@link dev.winipc.integration.IpcConnectionEvent}s.
 *
 * @since 0.1.0
 */
public class PipeConnectionFactory extends EndpointSettings implements ApplicationEventPublisherAware {

	/** The {@link dev.winipc.integration.WinIpcHeaders#TRANSPORT} value of pipe messages. */
	public static final String TRANSPORT = "pipe";

	private final PipeRole role;

	private final PipeOptions.Builder options;

	private PipeFraming framing = PipeFraming.MESSAGE;

	private @Nullable TaskExecutor taskExecutor;

	private @Nullable ApplicationEventPublisher eventPublisher;

	private @Nullable Listener listener;

	private @Nullable String listenerName;

	private final Set<Object> runningEndpoints = Collections.newSetFromMap(new IdentityHashMap<>());

	private final Object lifecycleMonitor = new Object();

	private volatile @Nullable PipeConnections active;

	private volatile @Nullable String lastError;

	/**
	 * Create a pipe with default settings.
	 * @param name the pipe name, e.g. {@code orders} for {@code \\.\pipe\orders}
	 * @param role whether this end serves or connects
	 * @throws IllegalArgumentException if the name is not a valid pipe name
	 */
	public PipeConnectionFactory(String name, PipeRole role) {
		Assert.hasText(name, "name must not be empty");
		Assert.notNull(role, "role must not be null");
		this.options = PipeOptions.builder(name);
		this.role = role;
	}

	/** @return the pipe name */
	public String getName() {
		return getOptions().name().name();
	}

	/** @return whether this end serves or connects */
	public PipeRole getRole() {
		return this.role;
	}

	/**
	 * Return the transport settings as they stand.
	 * @return the options
	 */
	public PipeOptions getOptions() {
		return this.options.build();
	}

	/** @return how message boundaries are marked */
	public PipeFraming getFraming() {
		return this.framing;
	}

	/**
	 * @param framing how message boundaries are marked; default {@link PipeFraming#MESSAGE}
	 * @see PipeOptions.Builder#mode
	 */
	public void setFraming(PipeFraming framing) {
		Assert.notNull(framing, "framing must not be null");
		this.options.mode(framing.pipeMode());
		this.framing = framing;
	}

	/**
	 * @param maxMessageSize the largest inbound message, in bytes; default 1 MiB
	 * @see PipeOptions.Builder#maxMessageSize
	 */
	public void setMaxMessageSize(int maxMessageSize) {
		this.options.maxMessageSize(maxMessageSize);
	}

	/**
	 * @param maxInstances how many clients a server serves at once (1-255); default 255
	 * @see PipeOptions.Builder#maxInstances
	 */
	public void setMaxInstances(int maxInstances) {
		this.options.maxInstances(maxInstances);
	}

	/**
	 * @param bufferSize the OS buffer size and read size; default 64 KiB
	 * @see PipeOptions.Builder#bufferSize
	 */
	public void setBufferSize(int bufferSize) {
		this.options.bufferSize(bufferSize);
	}

	/**
	 * @param connectTimeout how long a client keeps trying to connect; default 5 s
	 * @see PipeOptions.Builder#connectTimeout
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.options.connectTimeout(connectTimeout);
	}

	/**
	 * @param backOff the pauses between connect attempts and between a client's
	 * reconnects; default {@link BackOffPolicy#DEFAULT}
	 * @see PipeOptions.Builder#backOff
	 */
	public void setBackOff(BackOffPolicy backOff) {
		this.options.backOff(backOff);
	}

	/**
	 * @param access {@code current-user} (default), an SDDL string (Windows) or an octal
	 * file mode (POSIX)
	 * @see PipeOptions.Builder#access
	 */
	public void setAccess(@Nullable String access) {
		this.options.access(access);
	}

	/**
	 * @param taskExecutor runs the accept loop and connection readers; default a daemon
	 * thread each
	 */
	public void setTaskExecutor(TaskExecutor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Make an endpoint the pipe's listener: it receives every inbound message.
	 * @param endpoint the endpoint's name, for messages, or {@code null} to name it by
	 * its {@code toString()}
	 * @param listener the endpoint
	 * @throws IllegalStateException if another endpoint listens already
	 */
	public void registerListener(@Nullable String endpoint, Listener listener) {
		String name = (endpoint != null) ? endpoint : listener.toString();
		synchronized (this.lifecycleMonitor) {
			if (this.listener == listener) {
				return;
			}
			if (this.listener != null) {
				throw new IllegalStateException("Pipe " + getName() + " already has a listener, '" + this.listenerName
						+ "'; '" + name + "' cannot listen too: one pipe has one inbound endpoint (or outbound "
						+ "gateway) and any number of outbound adapters");
			}
			Assert.state(this.active == null, () -> "Pipe " + getName() + " is running; register listeners before it starts");
			this.listener = listener;
			this.listenerName = name;
		}
	}

	/** @return the name the listener registered with, or {@code null} if there is none */
	public @Nullable String getListenerName() {
		return this.listenerName;
	}

	/**
	 * Start the pipe for an endpoint, unless it runs already for another one. A server
	 * starts accepting; a client with a listener connects now and keeps reconnecting,
	 * one without connects on first use.
	 * @param endpoint the endpoint that starts
	 * @throws UncheckedIOException if a server cannot create its pipe; the cause names
	 * the pipe and the OS error
	 */
	public void start(Object endpoint) {
		synchronized (this.lifecycleMonitor) {
			if (this.active == null) {
				PipeConnections connections = new PipeConnections(this, getOptions(), getPlatform(), executor(),
						this.listener);
				connections.start();
				this.active = connections;
			}
			this.runningEndpoints.add(endpoint);
		}
	}

	/**
	 * Stop the pipe for an endpoint; once no endpoint uses it, stop accepting, let the
	 * requests being handled finish (within the shutdown timeout), then close every
	 * connection and the pipe.
	 * @param endpoint the endpoint that stops
	 */
	public void stop(Object endpoint) {
		synchronized (this.lifecycleMonitor) {
			this.runningEndpoints.remove(endpoint);
			PipeConnections connections = this.active;
			if (connections != null && this.runningEndpoints.isEmpty()) {
				this.active = null;
				connections.stop(getShutdownTimeout());
			}
		}
	}

	/** @return whether the pipe runs for any endpoint */
	public boolean isRunning() {
		return this.active != null;
	}

	/**
	 * Return whether the pipe runs for an endpoint.
	 * @param endpoint the endpoint
	 * @return whether it started the pipe and has not stopped it
	 */
	public boolean isRunning(Object endpoint) {
		synchronized (this.lifecycleMonitor) {
			return this.runningEndpoints.contains(endpoint);
		}
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
	 * Return how many connections are open, without copying them.
	 * @return a server's clients, or a client's one connection; 0 when not running
	 */
	public int getConnectionCount() {
		PipeConnections connections = this.active;
		return (connections != null) ? connections.count() : 0;
	}

	/**
	 * Return what an endpoint on this pipe is doing now: {@code UP} while a server
	 * accepts clients or a client is connected (or, connecting on first use, its last
	 * attempt did not fail); {@code DOWN} while a client retries its connection, naming
	 * the pipe's path and the last OS error.
	 * @param direction the endpoint's direction, e.g. {@code inbound}
	 * @param endpointRunning whether the endpoint runs
	 * @return the state
	 */
	public EndpointState state(String direction, boolean endpointRunning) {
		PipeConnections connections = this.active;
		boolean running = endpointRunning && connections != null;
		return EndpointState.of(running, running ? connections.problem() : null, TRANSPORT, direction,
				this.role.name().toLowerCase(Locale.ROOT), describe(), running ? connections.count() : 0,
				this.lastError);
	}

	/**
	 * Add the {@value EndpointMetrics#CONNECTIONS} gauge to an endpoint's meters.
	 * @param meters the endpoint's meters
	 * @return the meters
	 */
	EndpointMetrics.Builder withConnections(EndpointMetrics.Builder meters) {
		return meters.gauge(EndpointMetrics.CONNECTIONS, "Connections open on the pipe", this::getConnectionCount);
	}

	/**
	 * Note a failure of the pipe or of one of its endpoints, for their state.
	 * @param failure what went wrong; its message names the OS call and error
	 */
	public void failed(Throwable failure) {
		this.lastError = String.valueOf(failure.getMessage());
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
		Assert.state(this.role == PipeRole.CLIENT, () -> "Pipe " + getName() + " is in the server role");
		PipeConnections connections = this.active;
		Assert.state(connections != null, () -> "Pipe endpoint " + getName() + " is not running");
		return connections.obtainClientConnection();
	}

	/**
	 * Return the pipe's OS path, for messages.
	 * @return e.g. {@code \\.\pipe\orders} or {@code /tmp/CoreFxPipe_orders}
	 */
	public String describe() {
		return getPlatform().osName(getOptions().name());
	}

	void publish(ApplicationEvent event) {
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			publisher.publishEvent(event);
		}
	}

	private TaskExecutor executor() {
		TaskExecutor current = this.taskExecutor;
		if (current == null) {
			SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("winipc-" + getName() + "-");
			// EndpointKeepAlive keeps the JVM up while the pipe runs; readers stuck in a
			// read must not keep it up after.
			threads.setDaemon(true);
			current = threads;
			this.taskExecutor = current;
		}
		return current;
	}

	@Override
	public String toString() {
		return "PipeConnectionFactory[" + getName() + ", " + this.role + ", " + this.framing + "]";
	}

	/**
	 * Receives what arrives on the pipe's connections: the pipe's one listener.
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

		/**
		 * Called when what arrived on a connection could not be read as a message (too
		 * large, cut short, malformed) or the read failed; the connection is closed next.
		 * @param connection the connection
		 * @param failure what went wrong, naming the pipe
		 */
		default void onReadFailure(FramedConnection connection, Exception failure) {
		}

		/**
		 * Return whether a client-role pipe connects as soon as it starts and reconnects
		 * whenever the server goes away; otherwise it connects on first use.
		 * @return {@code true} for endpoints that wait for what the server sends
		 */
		default boolean keepsConnected() {
			return true;
		}

	}

}
