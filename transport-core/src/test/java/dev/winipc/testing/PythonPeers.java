package dev.winipc.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the Python peers under {@code src/test/python} with {@code python3}.
 */
public final class PythonPeers {

	private PythonPeers() {
	}

	/**
	 * Start a Python peer.
	 * @param script the script's base name
	 * @param arguments its arguments
	 * @return the running peer
	 */
	public static PeerProcess start(String script, Object... arguments) {
		return PeerProcess.start(command(script, arguments));
	}

	private static List<String> command(String script, Object... arguments) {
		List<String> command = new ArrayList<>();
		command.add("python3");
		command.add("-u");
		command.add(Path.of("src/test/python", script + ".py").toAbsolutePath().toString());
		for (Object argument : arguments) {
			command.add(argument.toString());
		}
		return command;
	}

}
