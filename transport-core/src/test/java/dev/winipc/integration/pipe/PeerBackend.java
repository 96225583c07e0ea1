package dev.winipc.integration.pipe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.winipc.posix.PosixIpcPlatform;
import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.windows.WindowsTestPlatform;

/**
 * A backend and its native pipe peer, for the contracts written once for every backend:
 * POSIX with {@code peers/pipe_peer.c}, Windows with {@code peers/win_pipe_peer.c} (on
 * Windows for real, on Linux with the backend's Win32 calls and the peer under Wine).
 * Both peers take the same command line.
 */
interface PeerBackend {

	/** The POSIX backend and {@code pipe_peer}. */
	PeerBackend POSIX = new PeerBackend() {

		private @Nullable IpcPlatform platform;

		@Override
		public synchronized IpcPlatform platform() {
			// Created on first use: on Windows there is no C library to load.
			if (this.platform == null) {
				this.platform = new PosixIpcPlatform();
			}
			return this.platform;
		}

		@Override
		public PeerProcess start(List<Object> arguments) {
			return NativePeers.start("pipe_peer", arguments.toArray());
		}

		@Override
		public String address(String pipe) {
			return PipeNames.posixPath(pipe);
		}

		@Override
		public String uniqueName(String purpose) {
			return PipeNames.unique(purpose);
		}

		@Override
		public @Nullable Long reportedPeerPid(long pid) {
			// The JDK's SO_PEERCRED tells the peer's user, not its process.
			return null;
		}

		@Override
		public void afterServerKilled(String pipe) {
			try {
				Files.deleteIfExists(Path.of(PipeNames.posixPath(pipe)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean keepsMessageBoundaries() {
			return false;
		}

	};

	/** The Windows backend and {@code win_pipe_peer}. */
	PeerBackend WINDOWS = new PeerBackend() {

		@Override
		public IpcPlatform platform() {
			return WindowsTestPlatform.platform();
		}

		@Override
		public PeerProcess start(List<Object> arguments) {
			return WindowsPeers.start("win_pipe_peer", arguments.toArray());
		}

		@Override
		public String address(String pipe) {
			return pipe;
		}

		@Override
		public String uniqueName(String purpose) {
			return "winipc-" + purpose + "-" + UUID.randomUUID();
		}

		@Override
		public @Nullable Long reportedPeerPid(long pid) {
			return pid;
		}

		@Override
		public void afterServerKilled(String pipe) {
		}

		@Override
		public boolean keepsMessageBoundaries() {
			return true;
		}

	};

	/**
	 * Return the backend under test.
	 * @return the platform
	 */
	IpcPlatform platform();

	/**
	 * Start the native peer.
	 * @param arguments its command line after the program, as {@code pipe_peer.c}
	 * documents it
	 * @return the running peer
	 */
	PeerProcess start(List<Object> arguments);

	/**
	 * Return how the native peer names a pipe.
	 * @param pipe the pipe's name
	 * @return its socket path on POSIX, the name itself on Windows
	 */
	String address(String pipe);

	/**
	 * Return a pipe name no other test uses.
	 * @param purpose a word for the reader of a failure
	 * @return the name
	 */
	String uniqueName(String purpose);

	/**
	 * Return the process id the backend reports for a peer whose own pid is given.
	 * @param pid what the peer printed
	 * @return that pid where the backend tells peers' pids, {@code null} where it cannot
	 */
	@Nullable Long reportedPeerPid(long pid);

	/**
	 * Remove what a killed server left behind, before the next one starts.
	 * @param pipe the pipe's name
	 */
	void afterServerKilled(String pipe);

	/**
	 * Return whether the {@code message} framing is the OS's own (a Win32 message-mode
	 * pipe, where one write cannot be cut short) rather than a length header.
	 * @return {@code true} on Windows
	 */
	boolean keepsMessageBoundaries();

	/**
	 * Start the native peer on a pipe.
	 * @param framing the framing it speaks
	 * @param identify whether it first prints its pid and user
	 * @param mode its mode
	 * @param pipe the pipe's name
	 * @param arguments the mode's further arguments
	 * @return the running peer
	 */
	default PeerProcess peer(PipeFraming framing, boolean identify, String mode, String pipe, Object... arguments) {
		List<Object> command = new ArrayList<>(List.of("-f", framing.propertyValue()));
		if (identify) {
			command.add("-i");
		}
		command.add(mode);
		command.add(address(pipe));
		command.addAll(List.of(arguments));
		return start(command);
	}

}
