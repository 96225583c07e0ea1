package dev.winipc.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The pipe contract of the Windows backend, both ends in this JVM, each test on a pipe
 * name of its own. It runs against the real Win32 on Windows
 * ({@link JnaWindowsPipeContractTests}) and against Wine's Win32 on Linux
 * ({@link WineWindowsPipeContractTests}); where Wine differs from Windows a test names
 * the deviation and asserts what Wine does, so a change in either is noticed.
 */
@Timeout(60)
abstract class WindowsPipeContract {

	static final Duration WITHIN = Duration.ofSeconds(30);

	private IpcPlatform platform;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<AutoCloseable> resources = new ArrayList<>();

	/**
	 * Return the Win32 the backend runs on.
	 * @return the binding
	 */
	abstract Win32 win32();

	/**
	 * Return the Windows process id of the process the backend's pipes live in.
	 * @return the pid
	 */
	abstract long ownProcessId();

	/**
	 * Return whether the Win32 underneath is Wine's.
	 * @return {@code true} under Wine
	 */
	abstract boolean underWine();

	@BeforeEach
	void createPlatform() {
		this.platform = new WindowsIpcPlatform(win32());
	}

	@AfterEach
	void closeEverything() throws Exception {
		List<AutoCloseable> newestFirst = new ArrayList<>(this.resources);
		Collections.reverse(newestFirst);
		for (AutoCloseable resource : newestFirst) {
			resource.close();
		}
		this.executor.shutdownNow();
	}

	@Test
	void serverAndClientExchangeMessages() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();

		client.writeMessage(bytes("ping"), 0, 4);
		assertThat(served.readMessage()).isEqualTo(bytes("ping"));
		served.writeMessage(bytes("pong!"), 0, 5);

		assertThat(client.readMessage()).isEqualTo(bytes("pong!"));
		assertThat(served.mode()).isEqualTo(PipeMode.MESSAGE);
		assertThat(served.endpoint()).isEqualTo(options.name());
		assertThat(served.id()).isNotEqualTo(client.id());
	}

	@Test
	void messageLargerThanTheReadBufferIsReassembled() throws Exception {
		PipeOptions options = uniqueOptions().bufferSize(1024).build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();
		byte[] large = new byte[100_000];
		new Random(42).nextBytes(large);

		CompletableFuture<byte @Nullable []> received = async(served::readMessage);
		client.writeMessage(large, 0, large.length);

		assertThat(received).succeedsWithin(WITHIN).isEqualTo(large);
	}

	@Test
	void messageBoundariesAreKeptIncludingEmptyMessages() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();

		client.writeMessage(bytes("one"), 0, 3);
		client.writeMessage(new byte[0], 0, 0);
		client.writeMessage(bytes("xthreex"), 1, 5);

		assertThat(served.readMessage()).isEqualTo(bytes("one"));
		assertThat(served.readMessage()).isEmpty();
		assertThat(served.readMessage()).isEqualTo(bytes("three"));
	}

	@Test
	void manyClientsAreServedAtOnce() throws Exception {
		int clients = 16;
		// Clients queue on ERROR_PIPE_BUSY until the server has the next instance ready.
		PipeOptions options = uniqueOptions().connectTimeout(WITHIN).build();
		PipeServer server = serve(options);
		CompletableFuture<Void> echoing = async(() -> {
			for (int i = 0; i < clients; i++) {
				PipeConnection served = track(server.accept());
				this.executor.submit(() -> {
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
	void serverAtItsInstanceLimitServesTheNextClientOnceOneLeft() throws Exception {
		PipeOptions options = uniqueOptions().maxInstances(1).connectTimeout(WITHIN).build();
		PipeServer server = serve(options);
		PipeConnection first = connect(options);
		PipeConnection servedFirst = track(server.accept());
		CompletableFuture<PipeConnection> acceptedSecond = async(server::accept);
		CompletableFuture<PipeConnection> second = async(() -> connect(options));

		servedFirst.close();
		first.close();

		assertThat(acceptedSecond).succeedsWithin(WITHIN);
		assertThat(second).succeedsWithin(WITHIN);
		second.join().writeMessage(bytes("next"), 0, 4);
		assertThat(track(acceptedSecond.join()).readMessage()).isEqualTo(bytes("next"));
	}

	@Test
	void secondServerOnTheSameNameFailsNamingThePipe() throws Exception {
		PipeOptions options = uniqueOptions().build();
		serve(options);

		if (underWine()) {
			// Wine 8 deviation: FILE_FLAG_FIRST_PIPE_INSTANCE is ignored, so a second
			// server joins the pipe's instances instead of failing.
			assertThat(serve(options)).isNotNull();
			return;
		}
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> serve(options))
			.withMessageContaining(options.name().windowsName())
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo("ERROR_ACCESS_DENIED"));
	}

	@Test
	void connectingToAMissingPipeFailsAfterTheTimeoutNamingFileNotFound() {
		PipeOptions options = uniqueOptions().connectTimeout(Duration.ofMillis(200)).build();
		PipeClient client = this.platform.pipes().createClient(options);

		assertThatExceptionOfType(IpcException.class).isThrownBy(client::connect)
			.withMessageContaining(options.name().windowsName())
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo("ERROR_FILE_NOT_FOUND"));
	}

	@Test
	void closeWakesABlockedAccept() throws Exception {
		PipeServer server = serve(uniqueOptions().build());
		CompletableFuture<PipeConnection> accepted = async(server::accept);

		server.close();

		assertThat(accepted).failsWithin(WITHIN)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(IpcException.class);
	}

	@Test
	void closeWakesABlockedReadMessage() throws Exception {
		PipeOptions options = uniqueOptions().build();
		PipeServer server = serve(options);
		CompletableFuture<PipeConnection> accepted = async(server::accept);
		connect(options);
		PipeConnection served = track(accepted.join());
		CompletableFuture<byte @Nullable []> read = async(served::readMessage);

		served.close();

		assertThat(read).failsWithin(WITHIN).withThrowableThat().havingRootCause().isInstanceOf(IpcException.class);
		assertThat(served.isOpen()).isFalse();
		served.close();
	}

	@Test
	void peerClosingBetweenMessagesIsTheEndOfTheStream() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();

		client.writeMessage(bytes("last"), 0, 4);
		client.close();

		assertThat(served.readMessage()).isEqualTo(bytes("last"));
		assertThat(served.readMessage()).isNull();
	}

	@Test
	void clientThatWroteAndLeftBeforeAcceptIsStillHeard() throws Exception {
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
	void oversizeMessageIsRejectedAndItsConnectionClosed() throws Exception {
		PipeOptions options = uniqueOptions().maxMessageSize(100).bufferSize(64).build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();
		CompletableFuture<byte @Nullable []> read = async(served::readMessage);

		// The write outlasts the pipe's buffer, so it may still be pending when the server
		// closes: the writer then learns the pipe broke.
		CompletableFuture<Void> write = async(() -> {
			client.writeMessage(new byte[200], 0, 200);
			return null;
		});

		assertThat(read).failsWithin(WITHIN)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(IpcException.class)
			.withMessageContaining("maximum message size");
		assertThat(served.isOpen()).isFalse();
		await().atMost(WITHIN).until(write::isDone);
		if (write.isCompletedExceptionally()) {
			assertThat(write).failsWithin(WITHIN)
				.withThrowableThat()
				.havingRootCause()
				.isInstanceOfSatisfying(IpcException.class,
						(ex) -> assertThat(ex.getErrorName()).isIn("ERROR_BROKEN_PIPE", "ERROR_NO_DATA"));
		}
	}

	@Test
	void peerProcessIsOursWhenBothEndsAreHere() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();
		long pid = ownProcessId();

		assertThat(served.peer().processId()).isEqualTo(pid);
		assertThat(client.peer().processId()).isEqualTo(pid);
		assertThat(served.peer().user()).isNotNull().endsWithIgnoringCase(System.getProperty("user.name"));
	}

	@Test
	void bytePipeCarriesAStreamUntilThePeerCloses() throws Exception {
		PipeOptions options = uniqueOptions().mode(PipeMode.BYTE).build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();
		OutputStream out = client.outputStream();

		out.write(bytes("hello, "));
		out.write('w');
		out.write(bytes("orld"));
		client.close();

		InputStream in = served.inputStream();
		assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void sddlOverrideLetsAClientInWithoutTheOwnerCheck() throws Exception {
		PipeOptions options = uniqueOptions().access("D:P(A;;GA;;;AU)(A;;GA;;;SY)").build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();

		client.writeMessage(bytes("wide"), 0, 4);

		assertThat(served.readMessage()).isEqualTo(bytes("wide"));
	}

	@Test
	void invalidSddlOverrideFailsNamingThePipe() {
		// SDDL in form, but no such ACE type: only Win32 can tell.
		PipeOptions options = uniqueOptions().access("D:P(X;;GA;;;AU)").build();

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> serve(options))
			.withMessageContaining(options.name().windowsName())
			.withMessageContaining("ConvertStringSecurityDescriptorToSecurityDescriptor");
	}

	static PipeOptions.Builder uniqueOptions() {
		return PipeOptions.builder("winipc-test-" + UUID.randomUUID());
	}

	private Connected connectPair(PipeOptions options) throws IOException {
		PipeServer server = serve(options);
		CompletableFuture<PipeConnection> accepted = async(server::accept);
		PipeConnection client = connect(options);
		return new Connected(client, track(accepted.join()));
	}

	private PipeServer serve(PipeOptions options) throws IOException {
		return track(this.platform.pipes().createServer(options));
	}

	private PipeConnection connect(PipeOptions options) throws IOException {
		return track(this.platform.pipes().createClient(options).connect());
	}

	<T extends AutoCloseable> T track(T resource) {
		synchronized (this.resources) {
			this.resources.add(resource);
		}
		return resource;
	}

	private <T> CompletableFuture<T> async(IoSupplier<T> supplier) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return supplier.get();
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		}, this.executor);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Connected(PipeConnection client, PipeConnection served) {
	}

	@FunctionalInterface
	private interface IoSupplier<T> {

		T get() throws IOException;

	}

}
