package dev.winipc.transport;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one check of an endpoint's {@code access} setting, shared by every kind's options:
 * {@link PipeOptions#CURRENT_USER}, an SDDL string (Windows) or an octal file mode
 * (POSIX).
 */
final class Access {

	/** An octal POSIX file mode. */
	private static final Pattern FILE_MODE = Pattern.compile("0?[0-7]{3}");

	/** An SDDL string starts with one of its components: owner, group, DACL or SACL. */
	private static final Pattern SDDL = Pattern.compile("[OGDS]:.*", Pattern.DOTALL);

	private Access() {
	}

	/**
	 * Check an access setting.
	 * @param access the setting; {@code null} or blank means current user
	 * @return the setting, trimmed, or {@link PipeOptions#CURRENT_USER}
	 * @throws InvalidOptionException if it is none of the accepted forms
	 */
	static String check(@Nullable String access) {
		String value = (access == null || access.isBlank()) ? PipeOptions.CURRENT_USER : access.trim();
		if (!PipeOptions.CURRENT_USER.equals(value) && !FILE_MODE.matcher(value).matches()
				&& !SDDL.matcher(value).matches()) {
			throw new InvalidOptionException("access", access, "must be one of " + PipeOptions.ACCESS_VALUES);
		}
		return value;
	}

}
