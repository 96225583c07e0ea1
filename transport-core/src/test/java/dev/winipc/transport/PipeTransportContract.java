package dev.winipc.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.testing.BlockingCalls;
import dev.winipc.testing.BlockingCalls.Blocked;
import dev.winipc.testing.BlockingCalls.IoCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What every backend's pipes promise, both ends in this JVM, each test on a pipe of its
 * own: the POSIX backend runs it natively ({@code PosixPipeTransportTest}), the Windows
 * backend against Wine's Win32 and the real one ({@code WindowsPipeContract}). What only
 * one backend promises stays in its own class.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class PipeTransportContract {

	/** How long any one wait may take. */
	protected static final Duration WITHIN = Duration.ofSeconds(30);

	private final BlockingCalls calls = new BlockingCalls(WITHIN, this::isBlockedInTheOs);

	private final List<AutoCloseable> resources = new ArrayList<>();

	/**
	 * Return the pipes under test.
	 * @return the backend's pipe factory
	 */
	protected abstract Pipes pipes();

	/**
	 * Return options for a pipe no other test uses.
	 * @return a builder with every default
	 */
	protected abstract PipeOptions.Builder uniqueOptions();

	/**
	 * Return whether a thread is waiting inside the OS call of a blocking accept or read,
	 * as its stack shows it.
	 * @param stack the thread's stack
	 * @return {@code true} once it blocks in the OS
	 */
	protected abstract boolean isBlockedInTheOs(StackTraceElement[] stack);

	/**
	 * Return the name of the OS error for a pipe that does not exist.
	 * @return e.g. {@code ENOENT} or {@code ERROR_FILE_NOT_FOUND}
	 */
	protected abstract String pipeNotFoundError();

	@AfterEach
	protected void closeEverything() throws Exception {
		List<AutoCloseable> newestFirst = new ArrayList<>(this.resources);
		Collections.reverse(newestFirst);
		for (AutoCloseable resource : newestFirst) {
			resource.close();
		}
		this.resources.clear();
		this.calls.close();
	}

	@Test
	public void serverAndClientExchangeMessagesBothWays() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Connected pipe = connectPair(options);

		pipe.client().writeMessage(bytes("ping"), 0, 4);
		assertThat(pipe.served().readMessage()).isEqualTo(bytes("ping"));
		pipe.served().writeMessage(bytes("xpong!"), 1, 5);

		assertThat(pipe.client().readMessage()).isEqualTo(bytes("pong!"));
		assertThat(pipe.served().mode()).isEqualTo(PipeMode.MESSAGE);
		assertThat(pipe.served().endpoint()).isEqualTo(options.name());
		assertThat(pipe.served().id()).isNotEqualTo(pipe.client().id()).startsWith(options.name().name() + "-");
	}

	@Test
	public void messageBoundariesAreKeptIncludingEmptyMessages() throws Exception {
		Connected pipe = connectPair(uniqueOptions().build());

		pipe.client().writeMessage(bytes("one"), 0, 3);
		pipe.client().writeMessage(new byte[0], 0, 0);
		pipe.client().writeMessage(bytes("xthreex"), 1, 5);

		assertThat(pipe.served().readMessage()).isEqualTo(bytes("one"));
		assertThat(pipe.served().readMessage()).isEmpty();
		assertThat(pipe.served().readMessage()).isEqualTo(bytes("three"));
	}

	@Test
	public void messageLargerThanTheReadBufferIsReassembled() throws Exception {
		Connected pipe = connectPair(uniqueOptions().bufferSize(1024).build());
		byte[] large = new byte[100_000];
		new Random(42).nextBytes(large);

		CompletableFuture<byte @Nullable []> received = async(pipe.served()::readMessage);
		pipe.client().writeMessage(large, 0, large.length);

		assertThat(received).succeedsWithin(WITHIN).isEqualTo(large);
	}

	@Test
	public void manyClientsAreServedAtOnce() throws Exception {
		int clients = 16;
		PipeOptions options = uniqueOptions().connectTimeout(WITHIN).build();
		PipeServer server = serve(options);
		CompletableFuture<Void> echoing = async(() -> {
			for (int i = 0; i < clients; i++) {
				PipeConnection served = track(server.accept());
				this.calls.executor().submit(() -> {
					byte[] request = served.readMessage();
					served.writeMessage(request, 0, request.length);
					return null;
				});
			}
			return null;
		});
		List<CompletableFuture<byte @Nullable []>> replies = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			byte[] request = bytes("client-" + i);
			replies.add(async(() -> {
				PipeConnection client = connect(options);
				client.writeMessage(request, 0, request.length);
				return client.readMessage();
			}));
		}

		for (int i = 0; i < clients; i++) {
			assertThat(replies.get(i)).succeedsWithin(WITHIN).isEqualTo(bytes("client-" + i));
		}
		assertThat(echoing).succeedsWithin(WITHIN);
	}

	@Test
	public void connectingToAMissingPipeFailsAfterTheTimeoutNamingTheOsError() {
		PipeOptions options = uniqueOptions().connectTimeout(Duration.ofMillis(200)).build();

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> pipes().createClient(options).connect())
			.satisfies((ex) -> {
				assertThat(ex.getErrorName()).isEqualTo(pipeNotFoundError());
				assertThat(ex.getEndpoint()).contains(options.name().name());
				assertThat(ex.getMessage()).startsWith(ex.getOperation() + "(" + ex.getEndpoint() + ") failed: "
						+ pipeNotFoundError() + " (" + ex.getErrorCode() + ")");
			});
	}

	@Test
	public void closeWakesAnAcceptBlockedInTheOs() throws Exception {
		PipeServer server = serve(uniqueOptions().build());
		Blocked<PipeConnection> accepting = blockedIn(server::accept);

		server.close();

		assertThat(accepting.result()).failsWithin(WITHIN)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IpcException.class);
	}

	@Test
	public void closeWakesAReadBlockedInTheOs() throws Exception {
		Connected pipe = connectPair(uniqueOptions().build());
		Blocked<byte @Nullable []> reading = blockedIn(pipe.served()::readMessage);

		pipe.served().close();

		assertThat(reading.result()).failsWithin(WITHIN)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IpcException.class);
		assertThat(pipe.served().isOpen()).isFalse();
		pipe.served().close();
	}

	@Test
	public void peerClosingBetweenMessagesIsTheEndOfTheStream() throws Exception {
		Connected pipe = connectPair(uniqueOptions().build());

		pipe.client().writeMessage(bytes("last"), 0, 4);
		pipe.client().close();

		assertThat(pipe.served().readMessage()).isEqualTo(bytes("last"));
		assertThat(pipe.served().readMessage()).isNull();
	}

	@Test
	public void clientThatWroteAndLeftBeforeAcceptIsStillHeard() throws Exception {
		PipeOptions options = uniqueOptions().build();
		PipeServer server = serve(options);
		PipeConnection client = connect(options);
		client.writeMessage(bytes("fire and forget"), 0, 15);
		client.close();

		PipeConnection served = track(server.accept());

		assertThat(served.readMessage()).isEqualTo(bytes("fire and forget"));
		assertThat(served.readMessage()).isNull();
	}

	@Test
	public void oversizeMessageIsRejectedNamingThePipeAndItsConnectionClosed() throws Exception {
		PipeOptions options = uniqueOptions().maxMessageSize(100).bufferSize(64).build();
		Connected pipe = connectPair(options);
		CompletableFuture<byte @Nullable []> read = async(pipe.served()::readMessage);
		// The write outlasts the pipe's buffer, so it may still be under way when the
		// server closes: the writer then learns the pipe broke.
		CompletableFuture<Void> write = async(() -> {
			pipe.client().writeMessage(new byte[200], 0, 200);
			return null;
		});

		assertThat(read).failsWithin(WITHIN)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(IpcException.class, (ex) -> {
				assertThat(ex.getEndpoint()).contains(options.name().name());
				assertThat(ex.getMessage()).contains("maximum message size");
			});
		assertThat(pipe.served().isOpen()).isFalse();
		await().atMost(WITHIN).until(write::isDone);
		// The client sees the connection end (POSIX may say ECONNRESET: the server closed
		// with the message unread), never a reply.
		CompletableFuture<@Nullable Object> after = async(pipe.client()::readMessage)
			.handle((reply, failure) -> (failure != null) ? failure.getCause() : reply);
		assertThat(after).succeedsWithin(WITHIN).satisfiesAnyOf((outcome) -> assertThat(outcome).isNull(),
				(outcome) -> assertThat(outcome).isInstanceOf(IpcException.class));
	}

	@Test
	public void bytePipeCarriesAStreamUntilThePeerCloses() throws Exception {
		Connected pipe = connectPair(uniqueOptions().mode(PipeMode.BYTE).build());
		OutputStream out = pipe.client().outputStream();

		out.write(bytes("hello, "));
		out.write('w');
		out.write(bytes("orld"));
		out.flush();
		pipe.client().close();

		InputStream in = pipe.served().inputStream();
		assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	public void bothEndsSeeThePeerAsTheCurrentUser() throws Exception {
		Connected pipe = connectPair(uniqueOptions().build());
		String user = System.getProperty("user.name");

		assertThat(pipe.served().peer().user()).endsWithIgnoringCase(user);
		assertThat(pipe.client().peer().user()).endsWithIgnoringCase(user);
	}

	/**
	 * Connect a client to a fresh server.
	 * @param options the pipe
	 * @return both ends
	 * @throws IOException if the backend fails
	 */
	protected Connected connectPair(PipeOptions options) throws IOException {
		PipeServer server = serve(options);
		CompletableFuture<PipeConnection> accepted = async(server::accept);
		PipeConnection client = connect(options);
		try {
			// A bounded wait: join() would outlast the test's timeout, which interrupts.
			return new Connected(client, track(accepted.get(WITHIN.toSeconds(), TimeUnit.SECONDS)));
		}
		catch (ExecutionException ex) {
			throw new IOException("accept failed", ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IOException("no client was accepted", ex);
		}
	}

	/**
	 * Serve a pipe until the test ends.
	 * @param options the pipe
	 * @return the server
	 * @throws IOException if the backend refuses
	 */
	protected PipeServer serve(PipeOptions options) throws IOException {
		return track(pipes().createServer(options));
	}

	/**
	 * Connect to a pipe; the connection closes when the test ends.
	 * @param options the pipe
	 * @return the connection
	 * @throws IOException if no server answered
	 */
	protected PipeConnection connect(PipeOptions options) throws IOException {
		return track(pipes().createClient(options).connect());
	}

	/**
	 * Close something when the test ends.
	 * @param <T> its type
	 * @param resource what to close
	 * @return the resource
	 */
	protected <T extends AutoCloseable> T track(T resource) {
		synchronized (this.resources) {
			this.resources.add(resource);
		}
		return resource;
	}

	/**
	 * Run a blocking call on a thread of its own.
	 * @param <T> its result
	 * @param call the call
	 * @return its result, or its failure
	 */
	protected <T> CompletableFuture<T> async(IoCall<T> call) {
		return this.calls.async(call);
	}

	/**
	 * Start a blocking call on a thread of its own and return once that thread is seen
	 * blocked inside the OS call, not merely started.
	 * @param <T> its result
	 * @param call the call
	 * @return the call, blocked
	 */
	protected <T> Blocked<T> blockedIn(IoCall<T> call) {
		return this.calls.blockedIn(call);
	}

	/**
	 * Return text as UTF-8.
	 * @param text the text
	 * @return its bytes
	 */
	protected static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return whether a stack has a frame of a method.
	 * @param stack the stack
	 * @param className the class, or a prefix of it
	 * @param methodName the method
	 * @return {@code true} if a frame is in that method
	 */
	protected static boolean hasFrame(StackTraceElement[] stack, String className, String methodName) {
		return BlockingCalls.hasFrame(stack, className, methodName);
	}

	/**
	 * Both ends of a connected pipe.
	 * @param client the client's end
	 * @param served the server's end
	 */
	protected record Connected(PipeConnection client, PipeConnection served) {
	}

}
