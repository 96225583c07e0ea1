package dev.winipc.transport;

/**
 * Service-provider interface through which {@link IpcPlatform#current()} finds the
 * backends without importing them; registered in
 * {@code META-INF/services/dev.winipc.transport.IpcPlatformProvider}.
 *
 * @since 0.1.0
 */
public interface IpcPlatformProvider {

	/**
	 * Return the backend's name.
	 * @return {@code windows} or {@code posix}
	 */
	String name();

	/**
	 * Return whether the backend runs on this OS.
	 * @return {@code true} if {@link #create()} may be called without an explicit request
	 */
	boolean isSupported();

	/**
	 * Create the backend.
	 * @return the platform
	 */
	IpcPlatform create();

}
