package dev.winipc.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.testing.BlockingCalls;
import dev.winipc.testing.BlockingCalls.Blocked;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What every backend's named mutexes, semaphores and events promise, against the native
 * peer {@code peers/sync_peer.c} built for the backend's OS: the POSIX backend runs it
 * natively ({@code PosixSyncObjectsTest}), the Windows backend against Wine's Win32 and
 * the real one ({@code WindowsSyncObjectsContract}). What only one backend promises
 * stays in its own class.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class SyncObjectsContract {

	/** How long any one wait may take. */
	protected static final Duration WITHIN = Duration.ofSeconds(30);

	/** Where blocking calls run. */
	protected final BlockingCalls calls = new BlockingCalls(WITHIN, this::isBlockedInTheOs);

	private final List<AutoCloseable> resources = new ArrayList<>();

	/**
	 * Return the backend under test.
	 * @return its platform
	 */
	protected abstract IpcPlatform platform();

	/**
	 * Start the native peer built for the backend's OS.
	 * @param arguments its arguments
	 * @return the running peer
	 */
	protected abstract PeerProcess peer(Object... arguments);

	/**
	 * Return whether a thread waits inside the OS call of a blocking acquire or wait, as
	 * its stack shows it.
	 * @param stack the thread's stack
	 * @return {@code true} once it waits in the OS
	 */
	protected abstract boolean isBlockedInTheOs(StackTraceElement[] stack);

	/**
	 * Return the name of the OS error for an object that does not exist.
	 * @return e.g. {@code ENOENT} or {@code ERROR_FILE_NOT_FOUND}
	 */
	protected abstract String notFoundError();

	/**
	 * Return a name no other test uses.
	 * @param kind the object's kind
	 * @param purpose a word for the reader of a failure
	 * @return {@code Local\NAME}
	 */
	protected static String unique(EndpointName.Kind kind, String purpose) {
		return "Local\\" + SegmentNames.unique(kind, purpose);
	}

	@AfterEach
	protected void closeEverything() throws Exception {
		List<AutoCloseable> newestFirst = new ArrayList<>(this.resources);
		Collections.reverse(newestFirst);
		for (AutoCloseable resource : newestFirst) {
			resource.close();
		}
		this.resources.clear();
		this.calls.close();
	}

	/**
	 * Keep a resource until the test ends.
	 * @param <T> its type
	 * @param resource the resource
	 * @return the resource
	 */
	protected <T extends AutoCloseable> T closing(T resource) {
		this.resources.add(resource);
		return resource;
	}

	/**
	 * Open a mutex of a fresh name.
	 * @param purpose a word for the reader of a failure
	 * @return the mutex, closed after the test
	 * @throws IOException if the backend refuses
	 */
	protected NamedMutex mutex(String purpose) throws IOException {
		return closing(platform().syncObjects().mutex(SyncOptions.mutex(unique(EndpointName.Kind.MUTEX, purpose)).build()));
	}

	@Test
	void javaWaitsForANativeHolderTimesOutThenAcquiresWhenItReleases() throws Exception {
		NamedMutex mutex = mutex("held");
		try (PeerProcess holder = peer("mutex-hold", mutex.options().name().windowsName())) {
			holder.awaitLine("held");
			assertThat(mutex.acquire(Duration.ofMillis(200))).isEqualTo(MutexAcquisition.TIMED_OUT);
			assertThat(mutex.isHeldByCurrentThread()).isFalse();
			Blocked<MutexAcquisition> waiting = this.calls.blockedIn(() -> mutex.acquire(WITHIN));
			holder.stdin().write("release\n".getBytes(StandardCharsets.US_ASCII));
			holder.stdin().flush();
			assertThat(waiting.result().get(WITHIN.toSeconds(), TimeUnit.SECONDS)).isEqualTo(MutexAcquisition.ACQUIRED);
			assertThat(holder.finish()).containsExactly("held", "released");
		}
		// Held by the thread that waited; closing the handle releases it.
		assertThat(peer("mutex-try", mutex.options().name().windowsName()).finish()).containsExactly("busy");
	}

	@Test
	void nativeHolderKilledWhileHoldingIsReportedAbandonedToTheNextHolder() throws Exception {
		NamedMutex mutex = mutex("abandoned");
		try (PeerProcess holder = peer("mutex-hold", mutex.options().name().windowsName())) {
			holder.awaitLine("held");

			holder.kill();

			assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ABANDONED);
			mutex.release();
			assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
			mutex.release();
		}
	}

	@Test
	void nativePeerFindsTheMutexBusyWhileJavaHoldsItAndFreeOnceReleased() throws Exception {
		NamedMutex mutex = mutex("busy");
		String name = mutex.options().name().windowsName();
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(peer("mutex-try", name).finish()).containsExactly("busy");
		mutex.release();
		assertThat(peer("mutex-try", name).finish()).containsExactly("acquired");
	}

	@Test
	void mutexIsRecursivePerThreadAndExcludesTheOtherThreadsOfThisProcess() throws Exception {
		NamedMutex mutex = mutex("recursive");
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(mutex.holdCount()).isEqualTo(2);
		assertThat(this.calls.async(() -> mutex.acquire(Duration.ZERO)).get()).isEqualTo(MutexAcquisition.TIMED_OUT);
		mutex.release();
		assertThat(mutex.holdCount()).isOne();
		assertThat(this.calls.async(() -> mutex.acquire(Duration.ofMillis(100))).get()).isEqualTo(MutexAcquisition.TIMED_OUT);
		CompletableFuture<MutexAcquisition> other = this.calls.async(() -> {
			MutexAcquisition acquired = mutex.acquire(WITHIN);
			mutex.release();
			return acquired;
		});
		mutex.release();
		assertThat(other.get(WITHIN.toSeconds(), TimeUnit.SECONDS)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(mutex.holdCount()).isZero();
	}

	@Test
	void releaseByAThreadThatDoesNotHoldTheMutexIsRefused() throws Exception {
		NamedMutex mutex = mutex("not-owner");
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(mutex::release)
			.withMessage("The mutex " + mutex.osName() + " is not held by this thread");
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(this.calls.async(() -> {
			try {
				mutex.release();
				return "released";
			}
			catch (IllegalMonitorStateException ex) {
				return ex.getMessage();
			}
		}).get()).isEqualTo("The mutex " + mutex.osName() + " is not held by this thread");
		mutex.release();
	}

	@Test
	void closeWakesEveryWaitBlockedOnTheHandle() throws Exception {
		NamedMutex mutex = platform().syncObjects()
			.mutex(SyncOptions.mutex(unique(EndpointName.Kind.MUTEX, "close")).build());
		NamedSemaphore semaphore = platform().syncObjects()
			.semaphore(SyncOptions.semaphore(unique(EndpointName.Kind.SEMAPHORE, "close")).initialCount(0).build());
		NamedEvent event = platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "close")).build());
		try (PeerProcess holder = peer("mutex-hold", mutex.options().name().windowsName())) {
			holder.awaitLine("held");
			Blocked<MutexAcquisition> inTheOs = this.calls.blockedIn(() -> mutex.acquire(WITHIN));
			CompletableFuture<MutexAcquisition> behindIt = this.calls.async(() -> mutex.acquire(WITHIN));
			Blocked<Boolean> counting = this.calls.blockedIn(() -> semaphore.acquire(WITHIN));
			Blocked<Boolean> waiting = this.calls.blockedIn(() -> event.await(WITHIN));

			mutex.close();
			semaphore.close();
			event.close();

			assertClosed(inTheOs.result(), mutex.osName(), "mutex");
			assertClosed(behindIt, mutex.osName(), "mutex");
			assertClosed(counting.result(), semaphore.osName(), "semaphore");
			assertClosed(waiting.result(), event.osName(), "event");
		}
	}

	@Test
	void interruptEndsAWaitAndIsKeptForTheWaiter() throws Exception {
		NamedSemaphore semaphore = closing(platform().syncObjects()
			.semaphore(SyncOptions.semaphore(unique(EndpointName.Kind.SEMAPHORE, "interrupt")).initialCount(0).build()));
		AtomicReference<Boolean> keptInterrupt = new AtomicReference<>();
		Blocked<Boolean> waiting = this.calls.blockedIn(() -> {
			try {
				return semaphore.acquire(WITHIN);
			}
			finally {
				keptInterrupt.set(Thread.currentThread().isInterrupted());
			}
		});

		waiting.thread().interrupt();

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> waiting.result().get())
			.withCauseInstanceOf(InterruptedIOException.class);
		assertThat(keptInterrupt.get()).isTrue();
	}

	@Test
	void nativeWorkersAndJavaTogetherNeverExceedTheSemaphoreCount() throws Exception {
		int count = 3;
		int rounds = 150;
		String name = unique(EndpointName.Kind.SEMAPHORE, "workers");
		String segment = unique(EndpointName.Kind.SHARED_MEMORY, "workers");
		// Everyone waits on a count of 0 first, so that all contend once the counts come.
		NamedSemaphore semaphore = closing(platform().syncObjects()
			.semaphore(SyncOptions.semaphore(name).maximumCount(count).initialCount(0).build()));
		WorkerCounters counters = closing(WorkerCounters.create(platform().sharedMemory(), segment));
		List<PeerProcess> workers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			workers.add(closing(peer("sem-work", name, segment, rounds)));
		}
		workers.forEach((worker) -> worker.awaitLine("ready"));
		List<CompletableFuture<Void>> javaWorkers = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			javaWorkers.add(this.calls.async(() -> {
				for (int round = 0; round < rounds; round++) {
					assertThat(semaphore.acquire(WITHIN)).isTrue();
					counters.enter();
					BackOffPolicy.sleep(1_000_000);
					counters.leave();
					semaphore.release(1);
				}
				return null;
			}));
		}

		semaphore.release(count);

		for (PeerProcess worker : workers) {
			assertThat(worker.finish()).containsExactly("ready", "done");
		}
		for (CompletableFuture<Void> worker : javaWorkers) {
			worker.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
		}
		assertThat(counters.rounds()).isEqualTo(6 * rounds);
		assertThat(counters.inside()).as("inside at the end").isZero();
		assertThat(counters.mostInside()).as("most inside at once").isEqualTo(count);
	}

	@Test
	void releasePastTheMaximumCountIsRefusedAndReleasesNothing() throws Exception {
		NamedSemaphore semaphore = closing(platform().syncObjects()
			.semaphore(SyncOptions.semaphore(unique(EndpointName.Kind.SEMAPHORE, "maximum"))
				.maximumCount(2)
				.initialCount(1)
				.build()));
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> semaphore.release(2))
			.satisfies((ex) -> assertThat(ex.getEndpoint()).isEqualTo(semaphore.osName()))
			.withMessageContaining("nothing was released");
		assertThat(semaphore.release(1)).isOne();
		assertThat(semaphore.acquire(Duration.ZERO)).isTrue();
		assertThat(semaphore.acquire(Duration.ZERO)).isTrue();
		assertThat(semaphore.acquire(Duration.ZERO)).isFalse();
	}

	@Test
	void eventSetByANativePeerWakesAJavaWait() throws Exception {
		NamedEvent event = closing(platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "native-set")).build()));
		Blocked<Boolean> waiting = this.calls.blockedIn(() -> event.await(WITHIN));
		assertThat(peer("event-set", event.options().name().windowsName()).finish()).containsExactly("set");
		assertThat(waiting.result().get(WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// Auto-reset: the wait that saw it set reset it.
		assertThat(event.await(Duration.ZERO)).isFalse();
	}

	@Test
	void eventSetByJavaWakesANativeWaiter() throws Exception {
		NamedEvent event = closing(platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "java-set")).build()));
		try (PeerProcess waiter = peer("event-wait", event.options().name().windowsName(), "auto")) {
			waiter.awaitLine("waiting");
			event.set();
			assertThat(waiter.finish()).containsExactly("waiting", "set");
		}
		assertThat(event.await(Duration.ZERO)).isFalse();
	}

	@Test
	void autoResetEventWakesOneWaitPerSet() throws Exception {
		NamedEvent event = closing(platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "auto")).build()));
		event.set();
		event.set();
		assertThat(event.await(Duration.ZERO)).isTrue();
		assertThat(event.await(Duration.ZERO)).isFalse();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(event::isSet)
			.withMessageContaining("isSet applies to a manual-reset event");
	}

	@Test
	void manualResetEventReleasesEveryWaiterUntilItIsReset() throws Exception {
		NamedEvent event = closing(platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "manual")).manualReset(true).build()));
		String name = event.options().name().windowsName();
		try (PeerProcess first = peer("event-wait", name, "manual");
				PeerProcess second = peer("event-wait", name, "manual")) {
			first.awaitLine("waiting");
			second.awaitLine("waiting");
			assertThat(event.isSet()).isFalse();

			event.set();

			assertThat(first.finish()).containsExactly("waiting", "set");
			assertThat(second.finish()).containsExactly("waiting", "set");
			assertThat(event.isSet()).isTrue();
			assertThat(event.await(Duration.ZERO)).isTrue();
			assertThat(event.await(Duration.ZERO)).isTrue();
		}
		event.reset();
		assertThat(event.isSet()).isFalse();
		assertThat(event.await(Duration.ofMillis(100))).isFalse();
	}

	@Test
	void missingObjectWithoutCreateFailsNamingIt() {
		for (EndpointName.Kind kind : List.of(EndpointName.Kind.MUTEX, EndpointName.Kind.SEMAPHORE,
				EndpointName.Kind.EVENT)) {
			String name = unique(kind, "missing");
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> open(kind, name))
				.satisfies((ex) -> {
					assertThat(ex.getErrorName()).isEqualTo(notFoundError());
					assertThat(ex.getEndpoint()).isEqualTo(platform().osName(EndpointName.of(kind, name)));
				})
				.withMessageEndingWith("no such " + (kind == EndpointName.Kind.MUTEX ? mutexFileWord() : kind.description())
						+ ", and create is false");
		}
	}

	/**
	 * Return what a missing mutex is called in the backend's error.
	 * @return {@code mutex}, or {@code lock file} on POSIX
	 */
	protected String mutexFileWord() {
		return "mutex";
	}

	private void open(EndpointName.Kind kind, String name) throws IOException {
		SyncObjects sync = platform().syncObjects();
		switch (kind) {
			case MUTEX -> sync.mutex(SyncOptions.mutex(name).create(false).build()).close();
			case SEMAPHORE -> sync.semaphore(SyncOptions.semaphore(name).create(false).build()).close();
			default -> sync.event(SyncOptions.event(name).create(false).build()).close();
		}
	}

	@Test
	void optionsOfAnotherKindAreRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> platform().syncObjects().event(SyncOptions.mutex("a").build()))
			.withMessage("Options built with SyncOptions.mutex cannot open a named event; build them with "
					+ "SyncOptions.event");
	}

	private static void assertClosed(CompletableFuture<?> result, String osName, String kind) {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> result.get(WITHIN.toSeconds(), TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(IpcException.class)
			.withMessageEndingWith("(" + osName + ") failed: the " + kind + " handle is closed");
	}

}
