package dev.winipc.posix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

import dev.winipc.transport.IpcException;

/**
 * What the backends that open a named file themselves (segments, lock files, semaphores)
 * share: the {@code open(2)} flags, as Linux and macOS number them, and {@code fstat} of
 * an open descriptor.
 */
final class PosixFiles {

	static final int O_RDWR = 2;

	static final int O_CREAT = PosixErrors.isDarwin() ? 0x200 : 0x40;

	static final int O_EXCL = PosixErrors.isDarwin() ? 0x800 : 0x80;

	private PosixFiles() {
	}

	/**
	 * Return what the OS says of an open descriptor: the file it is open on now, not
	 * whatever the name leads to.
	 * @param fd the descriptor
	 * @param name the object's name, for the error
	 * @return its attributes
	 * @throws IpcException naming {@code fstat} and the object if it cannot be read
	 */
	static PosixFileAttributes fstat(int fd, String name) throws IpcException {
		try {
			return Files.readAttributes(Path.of("/dev/fd/" + fd), PosixFileAttributes.class);
		}
		catch (IOException ex) {
			throw PosixErrors.of("fstat", name, ex);
		}
	}

}
