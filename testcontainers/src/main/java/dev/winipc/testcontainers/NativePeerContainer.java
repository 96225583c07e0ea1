package dev.winipc.testcontainers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.sun.security.auth.module.UnixSystem;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.DockerStatus;
import org.testcontainers.utility.LazyFuture;

import dev.winipc.transport.EndpointName;

/**
 * A native peer in a container, wired to winipc endpoints of this machine: a pipe's or
 * mailslot's socket directory mounted at the same path, the host's IPC namespace (and
 * with it {@code /dev/shm}) for shared memory, the user it runs as chosen, and what it
 * prints collected line by line. Paths are the same inside and outside, so a peer is
 * given the path the JVM uses ({@code EndpointName.pipe(name).posixPath()}); the
 * container's {@code TMPDIR} is the JVM's when the socket directory is.
 * <p>
 * The peer runs as the JVM's own user (uid and gid) unless told otherwise, so the
 * current-user-only default of every endpoint admits it; {@link #withUser(int, int)}
 * with {@link #NOBODY} runs it as another user. Nothing is ever pulled: the image must
 * be on the engine ({@link NativePeerImage} builds its own), and the engine must run on
 * this machine's kernel ({@link EnabledIfDockerAvailable}).
 * <pre class="code">
 * try (NativePeerContainer client = new NativePeerContainer(NativePeerImage.compile(source))
 *         .withPipe("orders")
 *         .withArguments(EndpointName.pipe("orders").posixPath(), "one pizza")) {
 *     client.start();
 *     assertThat(client.finish()).containsExactly("reply: accepted one pizza");
 * }
 * </pre>
 * A peer that ends by itself is started all the same, whatever its exit status:
 * {@link #waitFor()} tells it, {@link #finish()} requires 0. Closing the container
 * removes it.
 *
 * @since 0.1.0
 */
public class NativePeerContainer extends GenericContainer<NativePeerContainer> {

	/** The uid and gid of {@code nobody}, the usual "another user". */
	public static final int NOBODY = 65534;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final PeerOutput output = new PeerOutput();

	private final Set<Path> mounted = new LinkedHashSet<>();

	private @Nullable String user;

	private boolean hostIpc;

	/**
	 * Run a native program of this machine.
	 * @param image the program's image, built when the container starts
	 */
	public NativePeerContainer(NativePeerImage image) {
		super(new LazyFuture<String>() {

			@Override
			protected String resolve() {
				return image.name();
			}

		});
		configureNativePeer();
	}

	/**
	 * Run an image the engine already has, e.g. one built from a Dockerfile of the
	 * application's own with Testcontainers' {@code ImageFromDockerfile}.
	 * @param image the image
	 */
	public NativePeerContainer(DockerImageName image) {
		super(image);
		configureNativePeer();
	}

	private void configureNativePeer() {
		withImagePullPolicy((image) -> false);
		withStartupCheckStrategy(new CreatedAndStarted());
		withLogConsumer(this.output);
		withCreateContainerCmdModifier(this::applyMountsUserAndIpc);
	}

	/**
	 * Give the peer what it needs to reach an endpoint: the socket (or lock file)
	 * directory of a pipe, mailslot or mutex, mounted read-write at the same path; for
	 * shared memory, semaphores and events, the host's IPC namespace.
	 * @param endpoint the endpoint
	 * @return this container
	 */
	public NativePeerContainer withEndpoint(EndpointName endpoint) {
		// a switch expression: a kind added to EndpointName must say what it needs here
		boolean inADirectory = switch (endpoint.kind()) {
			case PIPE, MAILSLOT, MUTEX -> true;
			case SHARED_MEMORY, SEMAPHORE, EVENT -> false;
		};
		if (inADirectory) {
			mountDirectoryOf(endpoint.posixPath());
		}
		else {
			this.hostIpc = true;
		}
		return self();
	}

	/**
	 * Give the peer a pipe's socket directory.
	 * @param name the pipe's name, as the endpoint is configured
	 * @return this container
	 * @see #withEndpoint(EndpointName)
	 */
	public NativePeerContainer withPipe(String name) {
		return withEndpoint(EndpointName.pipe(name));
	}

	/**
	 * Give the peer a mailslot's socket directory.
	 * @param name the mailslot's name, as the endpoint is configured
	 * @return this container
	 * @see #withEndpoint(EndpointName)
	 */
	public NativePeerContainer withMailslot(String name) {
		return withEndpoint(EndpointName.mailslot(name));
	}

	/**
	 * Give the peer this machine's shared memory ({@code --ipc=host}).
	 * @param name the segment's name, as the endpoint is configured
	 * @return this container
	 * @see #withEndpoint(EndpointName)
	 */
	public NativePeerContainer withSharedMemory(String name) {
		return withEndpoint(EndpointName.sharedMemory(name));
	}

	/**
	 * Run the peer as a user of this machine other than the JVM's.
	 * @param uid its user id, e.g. {@link #NOBODY}
	 * @param gid its group id
	 * @return this container
	 */
	public NativePeerContainer withUser(int uid, int gid) {
		this.user = Integer.toUnsignedString(uid) + ":" + Integer.toUnsignedString(gid);
		return self();
	}

	/**
	 * Set the program's arguments, each as it is: unlike {@code withCommand(String)},
	 * nothing is split at spaces.
	 * @param arguments the arguments; each is turned into a string
	 * @return this container
	 */
	public NativePeerContainer withArguments(Object... arguments) {
		setCommandParts(Arrays.stream(arguments).map(String::valueOf).toArray(String[]::new));
		return self();
	}

	/**
	 * Wait until the peer printed a line the predicate accepts.
	 * @param line what to wait for
	 * @return the line
	 * @throws AssertionError if it did not print one within 30 seconds, or ended without
	 */
	public String awaitLine(Predicate<String> line) {
		return this.output.await(line, WAIT)
			.orElseThrow(() -> new AssertionError("Expected output missing from " + describe() + "; " + this.output));
	}

	/**
	 * Wait until the peer printed this exact line.
	 * @param text the line
	 */
	public void awaitLine(String text) {
		awaitLine(text::equals);
	}

	/**
	 * Wait at most 30 seconds for the peer to end.
	 * @return its exit status
	 */
	public int waitFor() {
		return waitFor(WAIT);
	}

	/**
	 * Wait for the peer to end, and for the last of what it printed.
	 * @param limit how long it may take
	 * @return its exit status
	 * @throws AssertionError if it did not end in time
	 */
	public int waitFor(Duration limit) {
		DockerClient client = getDockerClient();
		Integer status;
		try {
			status = client.waitContainerCmd(getContainerId()).start().awaitStatusCode(limit.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			throw new AssertionError(describe() + " did not end within " + limit + "; " + this.output, ex);
		}
		this.output.awaitEnd(WAIT);
		return status;
	}

	/**
	 * Wait for the peer to end with status 0.
	 * @return everything it printed to its standard output
	 * @throws AssertionError if it ended otherwise, with what it printed
	 */
	public List<String> finish() {
		int status = waitFor();
		if (status != 0) {
			throw new AssertionError(describe() + " exited with " + status + "; " + this.output);
		}
		return lines();
	}

	/** @return the lines the peer printed to its standard output so far */
	public List<String> lines() {
		return this.output.lines();
	}

	/** @return what the peer printed to its standard error so far */
	public String errors() {
		return this.output.errors();
	}

	private void mountDirectoryOf(Path file) {
		Path directory = file.toAbsolutePath().getParent();
		if (directory != null && this.mounted.add(directory)
				&& directory.equals(EndpointName.posixTempDirectory().toAbsolutePath())) {
			withEnv("TMPDIR", directory.toString());
		}
	}

	/**
	 * The mounts, the user and the IPC namespace, set on the engine's command itself:
	 * Testcontainers checks the mounts it is given by running a container of an image it
	 * would pull.
	 */
	private void applyMountsUserAndIpc(CreateContainerCmd create) {
		create.withUser((this.user != null) ? this.user : currentUser());
		HostConfig host = (create.getHostConfig() != null) ? create.getHostConfig() : HostConfig.newHostConfig();
		List<Bind> binds = new ArrayList<>((host.getBinds() != null) ? List.of(host.getBinds()) : List.of());
		for (Path directory : this.mounted) {
			binds.add(new Bind(directory.toString(), new Volume(directory.toString()), AccessMode.rw));
		}
		host.withBinds(binds);
		if (this.hostIpc) {
			host.withIpcMode("host");
		}
		create.withHostConfig(host);
	}

	private static String currentUser() {
		UnixSystem system = new UnixSystem();
		return system.getUid() + ":" + system.getGid();
	}

	private String describe() {
		return "the native peer " + getDockerImageName() + " " + Arrays.asList(getCommandParts());
	}

	/** Started is enough: a peer may have done its work and ended already, well or not. */
	private static final class CreatedAndStarted extends StartupCheckStrategy {

		@Override
		public StartupStatus checkStartupState(DockerClient client, String containerId) {
			ContainerState state = getCurrentState(client, containerId);
			return (Boolean.TRUE.equals(state.getRunning()) || DockerStatus.isContainerStopped(state))
					? StartupStatus.SUCCESSFUL : StartupStatus.NOT_YET_KNOWN;
		}

	}

}
