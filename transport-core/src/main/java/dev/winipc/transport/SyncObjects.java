package dev.winipc.transport;

import java.io.IOException;
import java.util.Locale;

/**
 * A platform's named synchronization objects: mutexes, semaphores and events that
 * processes of one machine share by name ({@link EndpointName.Kind#MUTEX},
 * {@link EndpointName.Kind#SEMAPHORE}, {@link EndpointName.Kind#EVENT}).
 * <pre class="code">
 * SyncObjects sync = IpcPlatform.current().syncObjects();
 * try (NamedEvent written = sync.event(SyncOptions.event("Local\\HelloWorldWritten").build())) {
 *     written.set();
 * }
 * </pre>
 * With {@link SyncOptions#create()} an existing object is opened and a missing one
 * created; without it a missing object is an error. With the default access an
 * existing object must belong to the current user.
 *
 * @since 0.1.0
 */
public interface SyncObjects {

	/**
	 * Create or open a named mutex.
	 * @param options its settings, from {@link SyncOptions#mutex}
	 * @return the mutex, not held
	 * @throws IllegalArgumentException if the options are not a mutex's
	 * @throws IpcException naming the mutex if the OS refuses, it is missing, or it
	 * belongs to another user
	 * @throws IOException on other I/O failures
	 */
	NamedMutex mutex(SyncOptions options) throws IOException;

	/**
	 * Create or open a named semaphore.
	 * @param options its settings, from {@link SyncOptions#semaphore}
	 * @return the semaphore
	 * @throws IllegalArgumentException if the options are not a semaphore's
	 * @throws IpcException naming the semaphore if the OS refuses, it is missing, or it
	 * belongs to another user
	 * @throws IOException on other I/O failures
	 */
	NamedSemaphore semaphore(SyncOptions options) throws IOException;

	/**
	 * Create or open a named event.
	 * @param options its settings, from {@link SyncOptions#event}
	 * @return the event
	 * @throws IllegalArgumentException if the options are not an event's
	 * @throws IpcException naming the event if the OS refuses, it is missing, or it
	 * belongs to another user
	 * @throws IOException on other I/O failures
	 */
	NamedEvent event(SyncOptions options) throws IOException;

	/**
	 * Check that options are of the kind a factory method opens.
	 * @param options the options
	 * @param kind the kind expected
	 * @throws IllegalArgumentException if they are of another kind
	 */
	static void requireKind(SyncOptions options, EndpointName.Kind kind) {
		if (options.name().kind() != kind) {
			throw new IllegalArgumentException("Options built with SyncOptions." + method(options.name().kind())
					+ " cannot open a named " + kind.description() + "; build them with SyncOptions." + method(kind));
		}
	}

	private static String method(EndpointName.Kind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

}
