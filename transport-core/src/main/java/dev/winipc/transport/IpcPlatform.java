package dev.winipc.transport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.jspecify.annotations.Nullable;

/**
 * One operating system's implementation of the IPC objects: Win32 on Windows, the
 * closest POSIX equivalents elsewhere. It offers one factory per kind of object, and
 * maps every kind's {@link EndpointName} to its own object name.
 * <pre class="code">
 * IpcPlatform platform = IpcPlatform.current();
 * PipeServer server = platform.pipes().createServer(PipeOptions.of("orders"));
 * platform.osName(EndpointName.pipe("orders"));   // \\.\pipe\orders, or /tmp/CoreFxPipe_orders
 * </pre>
 * <p>
 * {@link #current()} picks the backend for the running OS. The system property
 * {@value #PLATFORM_PROPERTY} ({@code windows} or {@code posix}) overrides the choice,
 * and every adapter also accepts a platform instance directly.
 *
 * @since 0.1.0
 */
public interface IpcPlatform {

	/** System property naming the backend to use instead of the OS's own. */
	String PLATFORM_PROPERTY = "winipc.platform";

	/**
	 * Return the backend's name, {@code windows} or {@code posix}.
	 * @return the name
	 */
	String name();

	/**
	 * Return this platform's named pipes.
	 * @return the pipe factory
	 */
	Pipes pipes();

	/**
	 * Return this platform's mailslots.
	 * @return the mailslot factory
	 */
	Mailslots mailslots();

	/**
	 * Return this platform's named shared memory.
	 * @return the shared-memory factory
	 */
	SharedMemory sharedMemory();

	/**
	 * Return this platform's named mutexes, semaphores and events.
	 * @return the synchronization objects' factory
	 */
	SyncObjects syncObjects();

	/**
	 * Return the name this platform's OS gives an endpoint's object, for messages and
	 * for peers that look it up.
	 * @param name the endpoint
	 * @return {@link EndpointName#windowsName()} on Windows, the POSIX path or
	 * {@code shm_open} name elsewhere
	 */
	String osName(EndpointName name);

	/**
	 * Return the backend an endpoint was given, or else {@link #current()}.
	 * @param configured the one it was given, or {@code null}
	 * @return the platform
	 */
	static IpcPlatform orCurrent(@Nullable IpcPlatform configured) {
		return (configured != null) ? configured : current();
	}

	/**
	 * Return the backend for this OS, or the one named by {@value #PLATFORM_PROPERTY}.
	 * @return the platform
	 * @throws IllegalStateException if no backend supports this OS
	 */
	static IpcPlatform current() {
		return Holder.CURRENT;
	}

	/**
	 * Find a backend by name among those on the class path.
	 * @param name {@code windows} or {@code posix}
	 * @return the platform
	 * @throws IllegalStateException if there is no such backend
	 */
	static IpcPlatform named(String name) {
		for (IpcPlatformProvider provider : Holder.providers()) {
			if (provider.name().equals(name)) {
				return provider.create();
			}
		}
		throw new IllegalStateException("No winipc platform named '" + name + "' on the class path");
	}

	/**
	 * Lazily resolved {@link #current()} platform.
	 */
	final class Holder {

		static final IpcPlatform CURRENT = resolve();

		private Holder() {
		}

		private static IpcPlatform resolve() {
			@Nullable String requested = System.getProperty(PLATFORM_PROPERTY);
			if (requested != null && !requested.isBlank()) {
				return named(requested.trim().toLowerCase(Locale.ROOT));
			}
			for (IpcPlatformProvider provider : providers()) {
				if (provider.isSupported()) {
					return provider.create();
				}
			}
			throw new IllegalStateException("No winipc platform supports " + System.getProperty("os.name"));
		}

		static List<IpcPlatformProvider> providers() {
			List<IpcPlatformProvider> providers = new ArrayList<>();
			Iterator<IpcPlatformProvider> found = ServiceLoader
				.load(IpcPlatformProvider.class, IpcPlatform.class.getClassLoader())
				.iterator();
			while (true) {
				try {
					if (!found.hasNext()) {
						return providers;
					}
					providers.add(found.next());
				}
				catch (ServiceConfigurationError ex) {
					// A backend that cannot load here (a trimmed jar, say) is not a choice.
				}
			}
		}

	}

}
