package dev.winipc.posix;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.PipeOptions;

/**
 * The file mode an endpoint's {@code access} setting gives the POSIX object it creates.
 */
final class FileModes {

	/** The mode of an object only the current user may use. */
	static final int CURRENT_USER = 0600;

	private FileModes() {
	}

	/**
	 * Return the mode for an access setting.
	 * @param access {@code current-user} or an octal file mode such as {@code 0660}
	 * @param operation the call the mode is for, for the error
	 * @param path the object, for the error
	 * @return the mode bits
	 * @throws IpcException if the setting is an SDDL string or anything else POSIX has no
	 * mode for
	 */
	static int of(String access, String operation, Object path) throws IpcException {
		if (PipeOptions.CURRENT_USER.equals(access)) {
			return CURRENT_USER;
		}
		if (!access.matches("0?[0-7]{3}")) {
			throw PosixErrors.of(operation, path, "EINVAL",
					"access '" + access + "' is neither 'current-user' nor an octal file mode such as 0660");
		}
		return Integer.parseInt(access, 8);
	}

	/**
	 * Return the permissions of mode bits.
	 * @param mode e.g. {@code 0600}
	 * @return e.g. owner read and owner write
	 */
	static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] bits = PosixFilePermission.values();
		for (int i = 0; i < bits.length; i++) {
			// OWNER_READ is 0400, and so on down to OTHERS_EXECUTE, 0001
			if ((mode & (1 << (bits.length - 1 - i))) != 0) {
				permissions.add(bits[i]);
			}
		}
		return permissions;
	}

}
