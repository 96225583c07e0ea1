package dev.winipc.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs POSIX peers as another user, uid {@value #UID} ({@code nobody}), through
 * {@code setpriv}: directly when the tests run as root, through {@code sudo -n} when the
 * user has passwordless sudo (as CI runners do). Where neither holds, a test that needs
 * it is reported skipped, saying why — never passed without running.
 */
public final class OtherUser {

	/** The uid (and gid) peers run as. */
	public static final int UID = 65534;

	private static final List<String> PREFIX = prefix();

	private OtherUser() {
	}

	/**
	 * Skip the calling test, with the reason, unless peers can run as another user here.
	 */
	public static void assumeAvailable() {
		Assumptions.assumeTrue(!PREFIX.isEmpty(), "running a peer as uid " + UID
				+ " needs root or passwordless sudo (for setpriv), and this user " + System.getProperty("user.name")
				+ " has neither");
	}

	/**
	 * Return the command that runs a program as the other user.
	 * @param program the program and its arguments
	 * @return the full command line
	 */
	static List<String> command(List<String> program) {
		assumeAvailable();
		List<String> command = new ArrayList<>(PREFIX);
		command.addAll(program);
		return command;
	}

	private static List<String> prefix() {
		List<String> setpriv = List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups");
		if ("root".equals(System.getProperty("user.name"))) {
			return setpriv;
		}
		if (succeeds(List.of("sudo", "-n", "true"))) {
			List<String> sudo = new ArrayList<>(List.of("sudo", "-n"));
			sudo.addAll(setpriv);
			return sudo;
		}
		return List.of();
	}

	private static boolean succeeds(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
