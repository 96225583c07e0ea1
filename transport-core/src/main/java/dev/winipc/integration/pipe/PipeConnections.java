package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;
import org.springframework.core.task.TaskExecutor;

import dev.winipc.integration.EndpointKeepAlive;
import dev.winipc.integration.IpcConnectionClosedEvent;
import dev.winipc.integration.IpcConnectionFailedEvent;
import dev.winipc.integration.IpcConnectionOpenedEvent;
import dev.winipc.transport.BackOffPolicy;
import dev.winipc.transport.ExponentialBackOff;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

/**
 * The running side of a {@link PipeConnectionFactory}, from start to stop: a server's
 * accept loop and one reader per client, or a client's connection with its reader and,
 * for a listener that keeps connected, the reconnect loop. While it runs it keeps the
 * JVM alive ({@link EndpointKeepAlive}).
 *
 * @since 0.1.0
 */
final class PipeConnections {

	private static final LogAccessor logger = new LogAccessor(PipeConnections.class);

	private final PipeConnectionFactory factory;

	private final String name;

	private final PipeOptions options;

	private final IpcPlatform platform;

	private final TaskExecutor executor;

	private final PipeConnectionFactory.@Nullable Listener listener;

	private final Map<String, FramedConnection> connections = new ConcurrentHashMap<>();

	private final InFlightMessages inFlight = new InFlightMessages();

	private final CountDownLatch loopFinished = new CountDownLatch(1);

	private final Object pauseSignal = new Object();

	private volatile boolean running;

	private @Nullable PipeServer server;

	private @Nullable Thread loop;

	private volatile @Nullable FramedConnection clientConnection;

	/** Whether a client's last connect attempt failed, until one succeeds. */
	private volatile boolean connectFailing;

	PipeConnections(PipeConnectionFactory factory, PipeOptions options, IpcPlatform platform, TaskExecutor executor,
			PipeConnectionFactory.@Nullable Listener listener) {
		this.factory = factory;
		this.name = factory.getName();
		this.options = options;
		this.platform = platform;
		this.executor = executor;
		this.listener = listener;
	}

	void start() {
		if (this.factory.getRole() == PipeRole.SERVER) {
			PipeServer pipeServer;
			try {
				pipeServer = this.platform.pipes().createServer(this.options);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex.getMessage(), ex);
			}
			this.server = pipeServer;
			this.running = true;
			startLoop("accept", () -> acceptLoop(pipeServer));
		}
		else {
			this.running = true;
			if (this.listener != null && this.listener.keepsConnected()) {
				startLoop("connect", this::clientLoop);
			}
			else {
				this.loopFinished.countDown();
			}
		}
		EndpointKeepAlive.acquire();
	}

	private void startLoop(String purpose, Runnable body) {
		Thread thread = new Thread(() -> {
			try {
				body.run();
			}
			finally {
				this.loopFinished.countDown();
			}
		}, "winipc-" + this.name + "-" + purpose);
		thread.setDaemon(true);
		this.loop = thread;
		thread.start();
	}

	/**
	 * Stop accepting and connecting, give the requests being handled up to the timeout
	 * to finish, then close every connection.
	 */
	void stop(Duration shutdownTimeout) {
		try {
			this.running = false;
			PipeServer pipeServer = this.server;
			if (pipeServer != null) {
				pipeServer.close();
			}
			// Ends a back-off pause; a connection the loop reads from is closed below. No
			// interrupt: the loop's thread may be handling a request.
			synchronized (this.pauseSignal) {
				this.pauseSignal.notifyAll();
			}
			long deadline = System.nanoTime() + ExponentialBackOff.saturatedNanos(shutdownTimeout);
			int unfinished = this.inFlight.awaitNone(deadline);
			if (unfinished > 0) {
				logger.warn(() -> "Pipe " + this.name + " stopped with " + unfinished + " request(s) still being "
						+ "handled after the shutdown timeout of " + shutdownTimeout + "; closing their connections");
			}
			FramedConnection client = this.clientConnection;
			if (client != null) {
				client.close();
			}
			this.connections.values().forEach(FramedConnection::close);
			awaitLoop(deadline);
		}
		finally {
			EndpointKeepAlive.release();
		}
	}

	private void awaitLoop(long deadline) {
		try {
			long remaining = deadline - System.nanoTime();
			if (!this.loopFinished.await(Math.max(remaining, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
				logger.warn(() -> "The " + this.loop + " thread of pipe " + this.name + " did not end in time");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	int count() {
		return this.connections.size();
	}

	/**
	 * Return why the pipe does not do its work, or {@code null} when it does: a server
	 * whose accept loop ended, a client that keeps connected with no connection (it
	 * retries), a client connecting on use whose last attempt failed.
	 */
	@Nullable String problem() {
		if (this.factory.getRole() == PipeRole.SERVER) {
			return (this.loopFinished.getCount() == 0) ? "no longer accepting clients" : null;
		}
		if (!this.connections.isEmpty()) {
			return null;
		}
		if (this.listener != null && this.listener.keepsConnected()) {
			return "not connected; retrying";
		}
		return this.connectFailing ? "not connected: the last attempt failed" : null;
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
				try {
					connection = connect(this.options);
				}
				catch (IOException ex) {
					this.connectFailing = true;
					publishFailure(null, PeerIdentity.UNKNOWN, ex);
					throw ex;
				}
				FramedConnection established = connection;
				this.executor.execute(() -> readLoop(established));
			}
			return connection;
		}
	}

	private FramedConnection connect(PipeOptions connectOptions) throws IOException {
		PipeConnection connection = this.platform.pipes().createClient(connectOptions).connect();
		if (!this.running) {
			connection.close();
			throw new InterruptedIOException("Pipe " + this.name + " stopped while connecting");
		}
		FramedConnection framed = register(connection);
		this.clientConnection = framed;
		this.connectFailing = false;
		logger.debug(() -> "Connected to pipe " + this.name + " as " + framed.id());
		return framed;
	}

	private FramedConnection register(PipeConnection connection) {
		FramedConnection framed = new FramedConnection(connection, this.factory.getFraming(),
				this.options.maxMessageSize(), this.options.bufferSize());
		this.connections.put(framed.id(), framed);
		this.factory.publish(new IpcConnectionOpenedEvent(this.factory, PipeConnectionFactory.TRANSPORT, this.name,
				framed.id(), framed.peer()));
		return framed;
	}

	private void acceptLoop(PipeServer pipeServer) {
		// At max-instances, further clients wait in the OS backlog as Win32 clients see
		// ERROR_PIPE_BUSY.
		Semaphore permits = new Semaphore(this.options.maxInstances());
		BackOffPolicy.Sequence pauses = this.options.backOff().start();
		while (this.running) {
			try {
				// Polls, so that stop() never leaves this thread parked.
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
				pauses = this.options.backOff().start();
			}
			catch (IOException | RuntimeException ex) {
				permits.release();
				if (!this.running) {
					return;
				}
				logger.error(ex, () -> "Pipe " + this.name + " failed to accept a client: " + ex.getMessage());
				publishFailure(null, PeerIdentity.UNKNOWN, ex);
				if (!pause(pauses)) {
					return;
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
		// One attempt per connect: this loop retries, and a stop ends its pauses at once.
		PipeOptions oneAttempt = this.options.toBuilder().connectTimeout(Duration.ZERO).build();
		BackOffPolicy.Sequence pauses = this.options.backOff().start();
		boolean reported = false;
		while (this.running) {
			FramedConnection connection;
			try {
				connection = connect(oneAttempt);
			}
			catch (IOException ex) {
				if (!this.running) {
					return;
				}
				this.connectFailing = true;
				this.factory.failed(ex);
				if (!reported) {
					logger.warn(() -> "Pipe " + this.name + ": " + ex.getMessage() + "; retrying");
					publishFailure(null, PeerIdentity.UNKNOWN, ex);
					reported = true;
				}
				if (!pause(pauses)) {
					return;
				}
				continue;
			}
			pauses = this.options.backOff().start();
			reported = false;
			readLoop(connection);
			if (this.running && !pause(pauses)) {
				return;
			}
		}
	}

	/** Pause before the next attempt; {@code false} when stopped or the policy gave up. */
	private boolean pause(BackOffPolicy.Sequence pauses) {
		long delay = pauses.nextDelayNanos();
		if (delay == BackOffPolicy.STOP) {
			return false;
		}
		long deadline = System.nanoTime() + delay;
		synchronized (this.pauseSignal) {
			try {
				for (long remaining = delay; this.running && remaining > 0; remaining = deadline - System.nanoTime()) {
					TimeUnit.NANOSECONDS.timedWait(this.pauseSignal, remaining);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return this.running;
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
				// A message read is handled even while stopping: it has left the pipe.
				this.inFlight.enter();
				try {
					if (target != null) {
						target.onMessage(connection, message);
					}
					else {
						logger.warn(() -> "Pipe " + this.name + " has no inbound endpoint: discarded a "
								+ message.length + "-byte message from " + connection.id());
					}
				}
				finally {
					this.inFlight.exit();
				}
			}
		}
		catch (IOException ex) {
			if (this.running && !connection.isClosedHere()) {
				logger.error(() -> "Closing connection " + connection.id() + " of pipe " + this.name + ": "
						+ ex.getMessage());
				publishFailure(connection.id(), connection.peer(), ex);
				if (target != null) {
					target.onReadFailure(connection, ex);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.error(ex, () -> "Closing connection " + connection.id() + " of pipe " + this.name
					+ " after its handler failed: " + ex.getMessage());
			publishFailure(connection.id(), connection.peer(), ex);
		}
		finally {
			connection.close();
			this.connections.remove(connection.id());
			this.factory.publish(new IpcConnectionClosedEvent(this.factory, PipeConnectionFactory.TRANSPORT, this.name,
					connection.id(), connection.peer()));
			if (target != null) {
				target.onClose(connection);
			}
		}
	}

	private void publishFailure(@Nullable String connectionId, PeerIdentity peer, Throwable cause) {
		this.factory.failed(cause);
		this.factory.publish(new IpcConnectionFailedEvent(this.factory, PipeConnectionFactory.TRANSPORT, this.name,
				connectionId, peer, cause));
	}

}
