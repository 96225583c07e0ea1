package dev.winipc.posix;

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

}
