package dev.winipc.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The C library functions the POSIX backend calls through JNA, and nothing else. Names
 * and parameter order are the C API's. {@link PosixIpcPlatform} loads it once and hands
 * it to the classes that need it.
 *
 * @since 0.1.0
 */
public interface LibC extends Library {

	/**
	 * Load the C library of this process.
	 * @return the binding
	 * @throws UnsatisfiedLinkError if there is none, i.e. not on a POSIX system
	 */
	static LibC load() {
		return Native.load("c", LibC.class);
	}

	String strerror(int errnum);

	/**
	 * {@code getpwnam}: the passwd entry of a login name; its {@code pw_uid} follows two
	 * pointers ({@code pw_name}, {@code pw_passwd}) on Linux and macOS alike.
	 * @param name the login name
	 * @return the entry, or {@code null} if there is none
	 */
	@Nullable Pointer getpwnam(String name);

}
