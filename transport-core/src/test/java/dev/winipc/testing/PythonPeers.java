package dev.winipc.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts the Python peers in this module's test resources ({@code peers/NAME.py}) with
 * {@code python3} ({@code python} where there is no {@code python3}, as on Windows).
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
		// Windows installs call it python; everywhere else python3 is the one to ask for.
		command.add(PeerBuild.findOnPath("python3").isPresent() ? "python3" : "python");
		command.add("-u");
		command.add(PeerResources.extract(script + ".py").toString());
		for (Object argument : arguments) {
			command.add(argument.toString());
		}
		return command;
	}

}
