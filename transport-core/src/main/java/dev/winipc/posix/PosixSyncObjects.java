package dev.winipc.posix;

import java.io.IOException;

import dev.winipc.transport.EndpointName;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.NamedMutex;
import dev.winipc.transport.NamedSemaphore;
import dev.winipc.transport.SyncObjects;
import dev.winipc.transport.SyncOptions;

/**
 * Named synchronization objects with the primitives POSIX peers use: a mutex is an
 * {@code flock} on {@code $TMPDIR/winipc-mutex-NAME}, a semaphore is
 * {@code sem_open("/NAME")}, and an event an approximation on such a semaphore.
 */
final class PosixSyncObjects implements SyncObjects {

	private final LibC libc;

	PosixSyncObjects(LibC libc) {
		this.libc = libc;
	}

	@Override
	public NamedMutex mutex(SyncOptions options) throws IOException {
		SyncObjects.requireKind(options, EndpointName.Kind.MUTEX);
		return PosixNamedMutex.open(this.libc, options);
	}

	@Override
	public NamedSemaphore semaphore(SyncOptions options) throws IOException {
		SyncObjects.requireKind(options, EndpointName.Kind.SEMAPHORE);
		return PosixNamedSemaphore.open(this.libc, options);
	}

	@Override
	public NamedEvent event(SyncOptions options) throws IOException {
		SyncObjects.requireKind(options, EndpointName.Kind.EVENT);
		return PosixNamedEvent.open(this.libc, options);
	}

}
