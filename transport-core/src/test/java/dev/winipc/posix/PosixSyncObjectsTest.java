package dev.winipc.posix;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PythonPeers;
import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.MutexAcquisition;
import dev.winipc.transport.NamedEvent;
import dev.winipc.transport.NamedMutex;
import dev.winipc.transport.NamedSemaphore;
import dev.winipc.transport.SyncObjectsContract;
import dev.winipc.transport.SyncOptions;

import static dev.winipc.testing.BlockingCalls.hasFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The synchronization objects' contract on the POSIX backend with its C peer, and what
 * only POSIX has: the lock file's pid protocol, {@code flock(1)} and Python
 * {@code fcntl.flock} on the same file, file modes and owners, and the limits of the
 * event's approximation.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "flock and sem_open peers; Windows runs WindowsSyncObjectsContract")
class PosixSyncObjectsTest extends SyncObjectsContract {

	private final PosixIpcPlatform platform = new PosixIpcPlatform();

	@Override
	protected IpcPlatform platform() {
		return this.platform;
	}

	@Override
	protected PeerProcess peer(Object... arguments) {
		return NativePeers.start("sync_peer", arguments);
	}

	@Override
	protected boolean isBlockedInTheOs(StackTraceElement[] stack) {
		// A semaphore or an event waits in sem_timedwait; a mutex tries flock between pauses.
		return hasFrame(stack, "dev.winipc.posix.SemaphoreHandle", "await")
				|| hasFrame(stack, "dev.winipc.posix.PosixNamedMutex", "acquireInOs");
	}

	@Override
	protected String notFoundError() {
		return "ENOENT";
	}

	@Override
	protected String mutexFileWord() {
		return "lock file";
	}

	@Test
	void holderWritesItsPidIntoTheLockFileAndEmptiesItOnRelease() throws Exception {
		NamedMutex mutex = mutex("pid");
		Path file = Path.of(mutex.osName());
		assertThat(file).isEqualTo(EndpointName.posixTempDirectory().resolve("winipc-mutex-"
				+ mutex.options().name().name()));
		mutex.acquire();
		assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(ProcessHandle.current().pid() + "\n");
		mutex.release();
		assertThat(file).isEmptyFile();
	}

	@Test
	void flockCommandAndJavaExcludeEachOther() throws Exception {
		NamedMutex mutex = mutex("flock1");
		String file = mutex.osName();
		try (PeerProcess holder = PeerProcess.start(List.of("flock", file, "sh", "-c", "echo held; read line; echo done"))) {
			holder.awaitLine("held");
			assertThat(mutex.acquire(Duration.ofMillis(200))).isEqualTo(MutexAcquisition.TIMED_OUT);
			CompletableFuture<MutexAcquisition> waiting = this.calls.async(() -> mutex.acquire(WITHIN));
			holder.stdin().write("go\n".getBytes(StandardCharsets.US_ASCII));
			holder.stdin().flush();
			// flock(1) writes no pid: nothing tells that it was there.
			assertThat(waiting.get(WITHIN.toSeconds(), TimeUnit.SECONDS)).isEqualTo(MutexAcquisition.ACQUIRED);
			assertThat(holder.finish()).containsExactly("held", "done");
		}
		try (PeerProcess busy = PeerProcess.start(List.of("sh", "-c", "flock -n " + file + " true; echo $?"))) {
			// Held by the thread that acquired it above, on a thread of the executor.
			assertThat(busy.finish()).containsExactly("1");
		}
	}

	@Test
	void pythonFcntlFlockAndJavaExcludeEachOther() throws Exception {
		NamedMutex mutex = mutex("python");
		String file = mutex.osName();
		try (PeerProcess holder = PythonPeers.start("flock_peer", "hold", file)) {
			holder.awaitLine("held");
			assertThat(mutex.acquire(Duration.ofMillis(200))).isEqualTo(MutexAcquisition.TIMED_OUT);
			holder.stdin().write("release\n".getBytes(StandardCharsets.US_ASCII));
			holder.stdin().flush();
			assertThat(holder.finish()).containsExactly("held", "released");
		}
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(PythonPeers.start("flock_peer", "try", file).finish()).containsExactly("busy");
		mutex.release();
		assertThat(PythonPeers.start("flock_peer", "try", file).finish()).containsExactly("acquired");
	}

	@Test
	void pythonHolderKilledAfterWritingItsPidIsReportedAbandoned() throws Exception {
		NamedMutex mutex = mutex("python-killed");
		try (PeerProcess holder = PythonPeers.start("flock_peer", "hold", mutex.osName())) {
			holder.awaitLine("held");
			holder.kill();
		}
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ABANDONED);
		mutex.release();
	}

	@Test
	void createdLockFileAndSemaphoreGetTheirModeWhateverTheUmask() throws Exception {
		NamedMutex mutex = mutex("mode");
		NamedSemaphore semaphore = closing(this.platform.syncObjects()
			.semaphore(SyncOptions.semaphore(unique(EndpointName.Kind.SEMAPHORE, "mode")).access("0660").build()));
		assertThat(mutex.created()).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(mutex.osName()))))
			.isEqualTo("rw-------");
		Path semaphoreFile = semaphore.options().name().posixPath();
		assertThat(semaphoreFile).isEqualTo(Path.of("/dev/shm/sem." + semaphore.options().name().name()));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(semaphoreFile))).isEqualTo("rw-rw----");
	}

	@Test
	void lockFileOfAnotherUserIsRefusedUnlessAccessWidensIt() throws Exception {
		String name = unique(EndpointName.Kind.MUTEX, "squatted");
		Path file = EndpointName.of(EndpointName.Kind.MUTEX, name).posixPath();
		try (PeerProcess squatter = NativePeers.startAsOtherUser("sync_peer", "mutex-hold", name)) {
			squatter.awaitLine("held");
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.syncObjects().mutex(SyncOptions.mutex(name).build()))
				.withMessageStartingWith("open(" + file + ") failed: EACCES (13) the lock file belongs to user nobody "
						+ "(uid 65534), not to the current user");
			try (NamedMutex widened = this.platform.syncObjects().mutex(SyncOptions.mutex(name).access("0666").build())) {
				assertThat(widened.created()).isFalse();
				assertThat(widened.acquire(Duration.ofMillis(100))).isEqualTo(MutexAcquisition.TIMED_OUT);
			}
		}
	}

	@Test
	void lockFileThatIsASymbolicLinkIsRefused() throws Exception {
		String name = unique(EndpointName.Kind.MUTEX, "link");
		Path file = EndpointName.of(EndpointName.Kind.MUTEX, name).posixPath();
		Path target = Files.createTempFile("winipc-link-target", "");
		Files.createSymbolicLink(file, target);
		try {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.syncObjects().mutex(SyncOptions.mutex(name).build()))
				.withMessage("open(" + file + ") failed: ELOOP (40) Too many levels of symbolic links: the lock file is "
						+ "a symbolic link; refusing it");
			assertThat(target).isEmptyFile();
		}
		finally {
			Files.deleteIfExists(file);
			Files.deleteIfExists(target);
		}
	}

	@Test
	void semaphoreOfAnotherUserIsRefused() throws Exception {
		String name = unique(EndpointName.Kind.EVENT, "squatted");
		try (PeerProcess squatter = NativePeers.startAsOtherUser("sync_peer", "event-wait", name, "auto")) {
			squatter.awaitLine("waiting");
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.platform.syncObjects().event(SyncOptions.event(name).build()))
				.withMessageStartingWith("sem_open(/" + EndpointName.of(EndpointName.Kind.EVENT, name).name()
						+ ") failed: EACCES (13) the semaphore belongs to user nobody (uid 65534)");
		}
	}

	@Test
	void pulseIsRefusedNamingTheEventAndTheReason() throws Exception {
		NamedEvent event = closing(this.platform.syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "pulse")).build()));
		assertThatExceptionOfType(IpcException.class).isThrownBy(event::pulse)
			.withMessage("pulse(" + event.osName() + ") failed: ENOTSUP (95) a POSIX semaphore cannot tell whether "
					+ "anyone waits on it, so the event it stands for cannot be pulsed; set an auto-reset event instead");
	}

	@Test
	void eventIsASemaphoreWithACountOfOneWhileSet() throws Exception {
		String name = unique(EndpointName.Kind.EVENT, "count");
		NamedEvent event = closing(this.platform.syncObjects().event(SyncOptions.event(name).manualReset(true).build()));
		NamedSemaphore same = closing(this.platform.syncObjects()
			.semaphore(SyncOptions.semaphore(name).maximumCount(10).create(false).build()));
		event.set();
		event.set();
		assertThat(same.release(1)).as("the count a set leaves").isOne();
		event.reset();
		assertThat(same.acquire(Duration.ZERO)).isFalse();
	}

}
