package dev.winipc.posix;

import java.io.IOException;

import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.MailslotWriter;
import dev.winipc.transport.Mailslots;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;
import dev.winipc.transport.Pipes;
import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SyncObjects;

/**
 * The POSIX backend: a pipe is a Unix domain stream socket, a mailslot a Unix datagram
 * socket, each at its {@link EndpointName#posixPath()}, shared memory a {@code shm_open}
 * segment, a mutex an {@code flock} on a lock file, a semaphore {@code sem_open}.
 * Creating the platform loads the C library, once.
 *
 * @since 0.1.0
 */
public final class PosixIpcPlatform implements IpcPlatform {

	/** This backend's name. */
	public static final String NAME = "posix";

	private final Pipes pipes = new PosixPipes();

	private final Mailslots mailslots;

	private final SharedMemory sharedMemory;

	private final SyncObjects syncObjects;

	/**
	 * Create the backend over this process's C library.
	 * @throws UnsatisfiedLinkError if there is no C library to load
	 */
	public PosixIpcPlatform() {
		this(LibC.load());
	}

	/**
	 * Create the backend over a C library binding.
	 * @param libc the binding
	 */
	public PosixIpcPlatform(LibC libc) {
		// Now rather than at the first error, which may come while the JVM shuts down.
		PosixErrors.load(libc);
		PosixUsers.useLibC(libc);
		this.mailslots = new PosixMailslots(libc);
		this.sharedMemory = new PosixSharedMemory(libc);
		this.syncObjects = new PosixSyncObjects(libc);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Pipes pipes() {
		return this.pipes;
	}

	@Override
	public Mailslots mailslots() {
		return this.mailslots;
	}

	@Override
	public SharedMemory sharedMemory() {
		return this.sharedMemory;
	}

	@Override
	public SyncObjects syncObjects() {
		return this.syncObjects;
	}

	@Override
	public String osName(EndpointName name) {
		return name.posixName();
	}

	@Override
	public String toString() {
		return "PosixIpcPlatform";
	}

	private record PosixMailslots(LibC libc) implements Mailslots {

		@Override
		public MailslotReader createReader(MailslotOptions options) throws IOException {
			return PosixMailslotReader.bind(this.libc, options);
		}

		@Override
		public MailslotWriter createWriter(MailslotOptions options) throws IOException {
			return PosixMailslotWriter.open(this.libc, options);
		}

	}

	private static final class PosixPipes implements Pipes {

		@Override
		public PipeServer createServer(PipeOptions options) throws IOException {
			return PosixPipeServer.bind(options);
		}

		@Override
		public PipeClient createClient(PipeOptions options) {
			return new PosixPipeClient(options);
		}

	}

}
