package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;
import org.springframework.core.task.TaskExecutor;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

/**
 * The running side of a {@link PipeConnectionFactory}, from start to stop: a server's
 * accept loop and one reader per client, or a client's connection with its reader and,
 * for listening clients, the reconnect loop.
 *
 * @since 0.1.0
 */
final class PipeConnections {

	private static final LogAccessor logger = new LogAccessor(PipeConnections.class);

	private static final long FIRST_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final String name;

	private final PipeRole role;

	private final PipeOptions options;

	private final PipeFraming framing;

	private final Duration maxRetryInterval;

	private final IpcPlatform platform;

	private final TaskExecutor executor;

	private final PipeConnectionFactory.@Nullable Listener listener;

	private final Map<String, FramedConnection> connections = new ConcurrentHashMap<>();

	private volatile boolean running;

	private @Nullable PipeServer server;

	private @Nullable Thread clientLoop;

	private volatile @Nullable FramedConnection clientConnection;

	PipeConnections(String name, PipeRole role, PipeOptions options, PipeFraming framing, Duration maxRetryInterval,
			IpcPlatform platform, TaskExecutor executor, PipeConnectionFactory.@Nullable Listener listener) {
		this.name = name;
		this.role = role;
		this.options = options;
		this.framing = framing;
		this.maxRetryInterval = maxRetryInterval;
		this.platform = platform;
		this.executor = executor;
		this.listener = listener;
	}

	void start(boolean connectNow) {
		if (this.role == PipeRole.SERVER) {
			PipeServer pipeServer;
			try {
				pipeServer = this.platform.createPipeServer(this.options);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex.getMessage(), ex);
			}
			this.server = pipeServer;
			this.running = true;
			Semaphore instances = new Semaphore(this.options.maxInstances());
			this.executor.execute(() -> acceptLoop(pipeServer, instances));
		}
		else {
			this.running = true;
			if (connectNow) {
				Thread loop = new Thread(this::clientLoop, "winipc-" + this.name + "-connect");
				loop.setDaemon(true);
				this.clientLoop = loop;
				loop.start();
			}
		}
	}

	void stop() {
		this.running = false;
		PipeServer pipeServer = this.server;
		if (pipeServer != null) {
			pipeServer.close();
		}
		Thread loop = this.clientLoop;
		if (loop != null) {
			loop.interrupt();
		}
		FramedConnection client = this.clientConnection;
		if (client != null) {
			client.close();
		}
		this.connections.values().forEach(FramedConnection::close);
		this.connections.clear();
	}

	Collection<FramedConnection> all() {
		return new ArrayList<>(this.connections.values());
	}

	@Nullable FramedConnection get(String connectionId) {
		return this.connections.get(connectionId);
	}

	FramedConnection obtainClientConnection() throws IOException {
		FramedConnection connection = this.clientConnection;
		if (connection != null && connection.isOpen()) {
			return connection;
		}
		synchronized (this) {
			connection = this.clientConnection;
			if (connection == null || !connection.isOpen()) {
				connection = connect();
				FramedConnection established = connection;
				this.executor.execute(() -> readLoop(established));
			}
			return connection;
		}
	}

	private FramedConnection connect() throws IOException {
		PipeConnection connection = this.platform.createPipeClient(this.options).connect();
		FramedConnection framed = register(connection);
		this.clientConnection = framed;
		logger.debug(() -> "Connected to pipe " + this.name + " as " + framed.id());
		return framed;
	}

	private FramedConnection register(PipeConnection connection) {
		FramedConnection framed = new FramedConnection(connection, this.framing, this.options.maxMessageSize(),
				this.options.bufferSize());
		this.connections.put(framed.id(), framed);
		return framed;
	}

	private void acceptLoop(PipeServer pipeServer, Semaphore permits) {
		while (this.running) {
			try {
				// At max-instances, further clients wait in the OS backlog as Win32 clients
				// see ERROR_PIPE_BUSY; poll so stop() never leaves this thread parked.
				if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
					continue;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			FramedConnection connection;
			try {
				connection = register(pipeServer.accept());
			}
			catch (IOException | RuntimeException ex) {
				permits.release();
				if (this.running) {
					logger.error(ex, () -> "Pipe " + this.name + " failed to accept a client: " + ex.getMessage());
					LockSupport.parkNanos(FIRST_RETRY_NANOS);
				}
				continue;
			}
			logger.debug(() -> "Pipe " + this.name + " accepted " + connection.id() + " from " + connection.peer());
			try {
				this.executor.execute(() -> {
					try {
						readLoop(connection);
					}
					finally {
						permits.release();
					}
				});
			}
			catch (RuntimeException ex) {
				permits.release();
				connection.close();
				this.connections.remove(connection.id());
				logger.error(ex, () -> "Pipe " + this.name + " could not start a reader for " + connection.id());
			}
		}
	}

	private void clientLoop() {
		long pause = FIRST_RETRY_NANOS;
		boolean reported = false;
		while (this.running) {
			try {
				FramedConnection connection = connect();
				pause = FIRST_RETRY_NANOS;
				reported = false;
				readLoop(connection);
			}
			catch (IOException ex) {
				if (!this.running) {
					return;
				}
				if (!reported) {
					logger.warn(() -> "Pipe " + this.name + ": " + ex.getMessage() + "; retrying");
					reported = true;
				}
			}
			if (this.running) {
				LockSupport.parkNanos(pause);
				pause = Math.min(pause * 2, this.maxRetryInterval.toNanos());
			}
		}
	}

	private void readLoop(FramedConnection connection) {
		PipeConnectionFactory.@Nullable Listener target = this.listener;
		try {
			while (this.running && connection.isOpen()) {
				byte[] message = connection.receive();
				if (message == null) {
					logger.debug(() -> "Peer closed " + connection.id() + " of pipe " + this.name);
					break;
				}
				if (target != null) {
					target.onMessage(connection, message);
				}
				else {
					logger.warn(() -> "Pipe " + this.name + " is outbound only: discarded a " + message.length
							+ "-byte message from " + connection.id());
				}
			}
		}
		catch (IOException ex) {
			if (this.running && connection.isOpen()) {
				logger.error(() -> "Closing connection " + connection.id() + " of pipe " + this.name + ": "
						+ ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			logger.error(ex, () -> "Closing connection " + connection.id() + " of pipe " + this.name
					+ " after its handler failed: " + ex.getMessage());
		}
		finally {
			connection.close();
			this.connections.remove(connection.id());
			if (target != null) {
				target.onClose(connection);
			}
		}
	}

}
