package dev.winipc.testcontainers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HostConfig;
import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PipeNames;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.EndpointName;

import static dev.winipc.testcontainers.ContainerPeers.peer;
import static dev.winipc.testcontainers.NativePeerContainer.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a native peer's container is: its image, its user, its arguments and output,
 * what it is given of this machine, and that nothing is pulled for it.
 */
@EnabledIfDockerAvailable
class NativePeerContainerTests {

	@Test
	void argumentsReachTheProgramAsGivenAndItsStreamsAreKeptApart() {
		try (NativePeerContainer peer = peer("pipe_peer", "no such mode", "/nowhere")) {
			peer.start();
			assertThat(peer.waitFor()).isEqualTo(64);
			assertThat(peer.lines()).isEmpty();
			assertThat(peer.errors()).isEqualTo("unknown mode no such mode (or wrong number of arguments)\n");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(peer::finish)
				.withMessageMatching("(?s)the native peer winipc-native-peer/pipe_peer:[0-9a-f]{16} \\[no such mode, /nowhere\\] "
						+ "exited with 64; stdout: \\[\\] stderr: unknown mode no such mode .*");
		}
	}

	@Test
	void peerRunsAsTheJvmsUserUnlessGivenAnotherInAProcessNamespaceOfItsOwn() {
		String uid = Long.toString(new UnixSystem().getUid());
		// -i prints the peer's pid and user (a number: an empty image has no user names)
		try (NativePeerContainer own = peer("pipe_peer", "-i", "probe", "/nowhere", "x")) {
			own.start();
			assertThat(own.finish()).containsExactly("pid 1", "user " + uid, "refused ENOENT");
		}
		try (NativePeerContainer other = peer("pipe_peer", "-i", "probe", "/nowhere", "x").withUser(NOBODY, NOBODY)) {
			other.start();
			assertThat(other.finish()).containsExactly("pid 1", "user " + NOBODY, "refused ENOENT");
		}
	}

	@Test
	void peerIsGivenTheSocketDirectoryAtTheSamePathAndTheHostsIpcWithoutAnythingPulled() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		String pipe = PipeNames.unique("container-mounts");
		String segment = SegmentNames.unique("container-ipc");
		try (NativePeerContainer peer = peer("pipe_peer", "probe", "/nowhere", "x").withPipe(pipe)
			.withMailslot(PipeNames.uniqueMailslot("container-mounts"))
			.withSharedMemory(segment)) {
			peer.start();
			peer.waitFor();
			HostConfig host = peer.getContainerInfo().getHostConfig();
			String directory = EndpointName.pipe(pipe).posixPath().getParent().toString();
			assertThat(host.getBinds()).extracting((bind) -> bind.getPath() + ":" + bind.getVolume().getPath())
				.containsExactly(directory + ":" + directory);
			assertThat(host.getIpcMode()).isEqualTo("host");
			assertThat(peer.getContainerInfo().getConfig().getEnv()).contains("TMPDIR=" + directory);
		}
		assertThat(engineEventsSince(before, EventType.IMAGE)).as("image events: nothing may be pulled")
			.noneMatch((event) -> "pull".equals(event.getAction()));
	}

	@Test
	void imageIsAProgramInAnEmptyImageNamedForItsContent() {
		NativePeerImage compiled = NativePeerImage.compile(NativePeers.source("pipe_peer"));
		assertThat(NativePeerImage.compile(NativePeers.source("pipe_peer"))).isSameAs(compiled);
		NativePeerImage same = NativePeerImage.of(compiled.executable());
		assertThat(same.name()).isEqualTo(compiled.name()).matches("winipc-native-peer/pipe_peer:[0-9a-f]{16}");
		InspectImageResponse image = DockerClientFactory.instance().client().inspectImageCmd(same.name()).exec();
		assertThat(image.getConfig().getEntrypoint()).containsExactly("/peer");
		assertThat(image.getConfig().getLabels()).containsEntry(NativePeerImage.LABEL, "pipe_peer");
		// FROM scratch: the program is the image's one layer
		assertThat(image.getRootFS().getLayers()).hasSize(1);
	}

	private static List<Event> engineEventsSince(Instant since, EventType type) throws InterruptedException {
		List<Event> events = new ArrayList<>();
		ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {

			@Override
			public void onNext(Event event) {
				events.add(event);
			}

		};
		DockerClientFactory.instance()
			.client()
			.eventsCmd()
			.withSince(Long.toString(since.getEpochSecond()))
			.withUntil(Long.toString(Instant.now().getEpochSecond() + 1))
			.withEventTypeFilter(type)
			.exec(callback)
			.awaitCompletion(30, TimeUnit.SECONDS);
		return events;
	}

}
