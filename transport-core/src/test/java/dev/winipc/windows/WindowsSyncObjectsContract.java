package dev.winipc.windows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.testing.WindowsPeers;
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
import static org.awaitility.Awaitility.await;

/**
 * The synchronization objects' contract of the Windows backend with the native Windows
 * peer, and what only Win32 has: security descriptors and owners, one namespace for
 * every kind of object, {@code Global\} names and {@code PulseEvent}. It runs against the
 * real Win32 on Windows ({@link JnaWindowsSyncObjectsTests}) and Wine's on Linux
 * ({@link WineWindowsSyncObjectsTests}); where Wine differs, a test names the deviation
 * and asserts what Wine does.
 */
abstract class WindowsSyncObjectsContract extends SyncObjectsContract {

	/**
	 * Return the Win32 the backend runs on.
	 * @return the binding
	 */
	abstract Win32 win32();

	/**
	 * Return whether the Win32 underneath is Wine's.
	 * @return {@code true} under Wine
	 */
	abstract boolean underWine();

	@Override
	protected IpcPlatform platform() {
		return new WindowsIpcPlatform(win32());
	}

	@Override
	protected PeerProcess peer(Object... arguments) {
		return WindowsPeers.start("sync_peer", arguments);
	}

	@Override
	protected boolean isBlockedInTheOs(StackTraceElement[] stack) {
		// A semaphore or event waits on the calling thread; a mutex's wait runs on its
		// owner thread, which the caller has handed it to.
		return hasFrame(stack, "dev.winipc.windows.", "WaitForMultipleObjects")
				|| hasFrame(stack, "dev.winipc.windows.WindowsNamedMutex", "acquireInOs");
	}

	@Override
	protected String notFoundError() {
		return "ERROR_FILE_NOT_FOUND";
	}

	@Test
	void createdObjectsCarryTheCurrentUserSecurityDescriptor() throws Exception {
		NamedEvent event = closing(platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "sddl")).build()));
		String sid = new WindowsAccounts(win32()).currentUser("test").sidString();

		String applied = new PipeSecurity(win32(), new WindowsAccounts(win32()))
			.sddlOf(((WindowsNamedEvent) event).handle, event.osName());

		if (underWine()) {
			// Wine 8 deviation, as for pipes: the generic right stays GA.
			assertThat(applied).isEqualTo("O:" + sid + "D:P(A;;GA;;;" + sid + ")");
			return;
		}
		assertThat(applied).startsWith("O:" + sid + "D:P(A;;").endsWith(";;;" + sid + ")").containsOnlyOnce("(A;");
	}

	@Test
	void objectOfAnotherOwnerIsRefusedUnlessAccessWidensIt() throws Exception {
		String name = unique(EndpointName.Kind.MUTEX, "squatted");
		// Created with an owner that is not the current user, as a squatter's would be.
		try (NamedMutex squatter = platform().syncObjects()
			.mutex(SyncOptions.mutex(name).access("O:SYD:(A;;GA;;;WD)").build())) {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> platform().syncObjects().mutex(SyncOptions.mutex(name).build()))
				.withMessageStartingWith("OpenMutex(" + name + ") failed: the mutex is owned by S-1-5-18, not by the "
						+ "current user");
			try (NamedMutex widened = platform().syncObjects()
				.mutex(SyncOptions.mutex(name).access("D:(A;;GA;;;WD)").build())) {
				assertThat(widened.created()).isFalse();
				assertThat(squatter.created()).isTrue();
			}
		}
	}

	@Test
	void objectWhoseAccessListGrantsLessThanEverythingIsOpenedWithWhatAHandleNeeds() throws Exception {
		String name = unique(EndpointName.Kind.EVENT, "narrow");
		String sid = new WindowsAccounts(win32()).currentUser("test").sidString();
		// The current user's, granting it only to wait, to set and reset, and to read the
		// owner: the create call, which asks for every right, is refused; the open is not.
		String narrow = "O:" + sid + "D:P(A;;0x00120002;;;" + sid + ")";
		try (NamedEvent creator = platform().syncObjects().event(SyncOptions.event(name).access(narrow).build())) {
			try (NamedEvent opened = platform().syncObjects().event(SyncOptions.event(name).build())) {
				assertThat(creator.created()).isTrue();
				assertThat(opened.created()).isFalse();
				opened.set();
				assertThat(creator.await(WITHIN)).isTrue();
			}
		}
	}

	@Test
	void nameOfAnObjectOfAnotherKindIsRefusedSayingSo() throws Exception {
		String name = unique(EndpointName.Kind.EVENT, "kinds");
		closing(platform().syncObjects().event(SyncOptions.event(name).build()));
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> platform().syncObjects().mutex(SyncOptions.mutex(name).build()))
			.withMessage("CreateMutex(" + name + ") failed: ERROR_INVALID_HANDLE (6) the name belongs to an object "
					+ "that is not a mutex");
	}

	@Test
	void releasePastTheMaximumCountNamesWin32sError() throws Exception {
		NamedSemaphore semaphore = closing(platform().syncObjects()
			.semaphore(SyncOptions.semaphore(unique(EndpointName.Kind.SEMAPHORE, "posts")).build()));
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> semaphore.release(1))
			.withMessage("ReleaseSemaphore(" + semaphore.osName() + ") failed: ERROR_TOO_MANY_POSTS (298) releasing 1 "
					+ "would raise the count above the semaphore's maximum; nothing was released");
	}

	@Test
	void globalNamesAreTheGlobalNamespacesObjects() throws Exception {
		String name = "Global\\" + SegmentNames.unique(EndpointName.Kind.MUTEX, "global");
		NamedMutex mutex = closing(platform().syncObjects().mutex(SyncOptions.mutex(name).build()));
		assertThat(mutex.osName()).isEqualTo(name);
		assertThat(mutex.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(peer("mutex-try", name).finish()).containsExactly("busy");
		assertThat(peer("mutex-try", "Local\\" + mutex.options().name().name()).finish()).containsExactly("acquired");
		mutex.release();
	}

	@Test
	void pulseReleasesTheNativeWaiterAndLeavesTheEventReset() throws Exception {
		NamedEvent event = closing(platform().syncObjects()
			.event(SyncOptions.event(unique(EndpointName.Kind.EVENT, "pulse")).manualReset(true).build()));
		try (PeerProcess waiter = peer("event-wait", event.options().name().windowsName(), "manual")) {
			waiter.awaitLine("waiting");
			// The peer prints "waiting" just before it waits: a pulse before that is missed.
			await().atMost(WITHIN).untilAsserted(() -> {
				event.pulse();
				assertThat(event.isSet()).isFalse();
				assertThat(waiter.lines()).contains("set");
			});
			assertThat(waiter.finish()).containsExactly("waiting", "set");
		}
		assertThat(event.isSet()).isFalse();
	}

	@Test
	void eventANativePeerCreatedWithoutSecurityAttributesIsOpenedOnlyWithWiderAccess() throws Exception {
		String name = unique(EndpointName.Kind.EVENT, "nullsa");
		try (PeerProcess waiter = peer("--default-security", "event-wait", name, "auto")) {
			waiter.awaitLine("waiting");
			SyncOptions.Builder options = SyncOptions.event(name).create(false);
			if (underWine()) {
				// Wine deviation: the event has no owner, where Windows makes the creator's user its owner.
				assertThatExceptionOfType(IpcException.class)
					.isThrownBy(() -> platform().syncObjects().event(options.build()))
					.withMessage("OpenEvent(" + name + ") failed: the event has no owner (Wine gives none to an object "
							+ "created without security attributes); refusing to use it");
				options.access("D:(A;;GA;;;WD)");
			}
			try (NamedEvent event = platform().syncObjects().event(options.build())) {
				event.set();
				assertThat(waiter.finish()).containsExactly("waiting", "set");
			}
		}
	}

	@Test
	void mutexHeldWhenItsHandleClosesIsReleasedNotAbandoned() throws Exception {
		String name = unique(EndpointName.Kind.MUTEX, "graceful");
		NamedMutex first = platform().syncObjects().mutex(SyncOptions.mutex(name).build());
		NamedMutex second = closing(platform().syncObjects().mutex(SyncOptions.mutex(name).build()));
		assertThat(first.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		assertThat(second.acquire(Duration.ZERO)).isEqualTo(MutexAcquisition.TIMED_OUT);

		first.close();

		assertThat(second.acquire(WITHIN)).isEqualTo(MutexAcquisition.ACQUIRED);
		second.release();
	}

}
