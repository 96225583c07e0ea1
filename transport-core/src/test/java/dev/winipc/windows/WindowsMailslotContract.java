package dev.winipc.windows;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.Test;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.MailslotContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mailslot contract on the Windows backend, and what Win32 itself does where Wine
 * differs from Windows: each such test is named for the deviation and asserts Wine's
 * behaviour under Wine and Windows' on Windows, so that a change on either side is seen.
 * It runs against the real Win32 ({@link JnaWindowsMailslotContractTests}) and against
 * Wine's through the relay ({@link WineWindowsMailslotContractTests}).
 */
abstract class WindowsMailslotContract extends MailslotContract {

	/** @return the Win32 the backend runs on */
	abstract Win32 win32();

	/** @return whether that Win32 is Wine's */
	abstract boolean underWine();

	@Override
	protected IpcPlatform createPlatform() {
		return new WindowsIpcPlatform(win32());
	}

	@Override
	protected Set<String> blockingCalls() {
		// Windows waits for the overlapped read; Wine blocks inside ReadFile itself.
		return Set.of("WaitForMultipleObjects", "ReadFile");
	}

	@Override
	protected String noReaderError() {
		return "ERROR_FILE_NOT_FOUND";
	}

	@Override
	protected String nameInUseError() {
		return "ERROR_ALREADY_EXISTS";
	}

	@Override
	protected OptionalInt reportedCount(int waiting) {
		// Wine: see messageCountStaysAtOneUnderWine.
		return OptionalInt.of(underWine() ? Math.min(waiting, 1) : waiting);
	}

	@Override
	protected boolean queueFills() {
		// Windows keeps every message a writer sends; see writeToAnUnreadSlotPendsUnderWine.
		return underWine();
	}

	@Override
	protected boolean osRefusesMessagesAboveTheReadersMaximum() {
		return !underWine();
	}

	@Override
	protected boolean refusesWritersWhileStopping() {
		return false;
	}

	@Test
	void messageCountStaysAtOneUnderWine() throws Exception {
		try (RawMailslot slot = raw("count", 0, 0)) {
			slot.write("a");
			slot.write("bc");
			slot.write("def");

			assertThat(slot.count()).isEqualTo(underWine() ? 1 : 3);
			assertThat(slot.nextSize()).isEqualTo(1);
		}
	}

	@Test
	void zeroLengthMessageReadsAsBrokenPipeUnderWine() throws Exception {
		try (RawMailslot slot = raw("empty", 0, 0)) {
			slot.write("");
			slot.write("after");

			RawMailslot.Read empty = slot.read(64);

			assertThat(empty.error()).isEqualTo(underWine() ? WinError.ERROR_BROKEN_PIPE : 0);
			assertThat(empty.bytes()).isEmpty();
			// either way the empty message has been taken
			assertThat(slot.read(64).text()).isEqualTo("after");
		}
	}

	@Test
	void shortBufferTruncatesTheMessageUnderWine() throws Exception {
		try (RawMailslot slot = raw("short", 0, 0)) {
			slot.write("three");
			slot.write("four");

			RawMailslot.Read shortRead = slot.read(2);

			if (underWine()) {
				assertThat(shortRead.error()).isZero();
				assertThat(shortRead.text()).isEqualTo("th");
				assertThat(slot.read(64).text()).isEqualTo("four");
			}
			else {
				assertThat(shortRead.error()).isEqualTo(WinError.ERROR_INSUFFICIENT_BUFFER);
				assertThat(slot.read(64).text()).isEqualTo("three");
			}
		}
	}

	@Test
	void overlappedReadOfAnEmptySlotBlocksInsideReadFileUnderWine() throws Exception {
		try (RawMailslot slot = raw("blocks", 0, Win32.MAILSLOT_WAIT_FOREVER)) {
			CompletableFuture<RawMailslot.Read> read = new CompletableFuture<>();
			Thread reader = new Thread(() -> read.complete(slot.read(64)), "raw-mailslot-read");
			reader.setDaemon(true);
			reader.start();
			if (!underWine()) {
				// Windows: ReadFile returns ERROR_IO_PENDING; the wait is the backend's.
				await().atMost(WITHIN).until(() -> isIn(reader, "WaitForMultipleObjects")
						|| isIn(reader, "GetOverlappedResult"));
				win32().CancelIoEx(slot.handle(), null);
				assertThat(read).succeedsWithin(WITHIN)
					.satisfies((result) -> assertThat(result.error()).isEqualTo(WinError.ERROR_OPERATION_ABORTED));
				return;
			}
			await().atMost(WITHIN).until(() -> isIn(reader, "ReadFile"));
			// Wine: the cancellation reports success, yet does not reach the call...
			assertThat(win32().CancelIoEx(slot.handle(), null)).isTrue();
			assertThat(read).isNotDone();
			// ...a message does, and the read completes with it rather than cancelled.
			slot.write("wake");
			assertThat(read).succeedsWithin(WITHIN).satisfies((result) -> {
				assertThat(result.error()).isZero();
				assertThat(result.text()).isEqualTo("wake");
			});
		}
	}

	@Test
	void openWriterHandleKeepsAClosedSlotsNameUnderWine() throws Exception {
		String path = platform().osName(options("held").build().name());
		try (RawMailslot slot = RawMailslot.create(win32(), path, 0, 0)) {
			slot.openWriter();
			slot.closeReader();

			HANDLE again = win32().CreateMailslotW(path, 0, 0, null);
			int error = win32().lastError();
			try {
				if (underWine()) {
					assertThat(Win32Handles.isValid(again)).isFalse();
					assertThat(error).isEqualTo(WinError.ERROR_ALREADY_EXISTS);
				}
				else {
					assertThat(Win32Handles.isValid(again)).as("a new reader of the name").isTrue();
				}
			}
			finally {
				if (Win32Handles.isValid(again)) {
					Win32Handles.close(win32(), again, path);
				}
			}
		}
	}

	@Test
	void secondWriterSharingOnlyReadingIsRefusedUnderWine() throws Exception {
		try (RawMailslot slot = raw("sharing", 0, 0)) {
			HANDLE first = slot.openWriter(WinNT.FILE_SHARE_READ);
			assertThat(Win32Handles.isValid(first)).isTrue();

			HANDLE second = slot.openWriter(WinNT.FILE_SHARE_READ);
			int error = win32().lastError();

			if (underWine()) {
				// Windows XP's rule: the second writer wants to write, the first shares no writing.
				assertThat(Win32Handles.isValid(second)).isFalse();
				assertThat(error).isEqualTo(WinError.ERROR_SHARING_VIOLATION);
			}
			else {
				assertThat(Win32Handles.isValid(second)).as("a second writer, as Windows since Vista allows").isTrue();
			}
		}
	}

	@Test
	void slotOwnerIsNotReportedToWritersUnderWine() throws Exception {
		try (RawMailslot slot = raw("owner", 0, 0)) {
			HANDLE writer = slot.openWriter();
			PointerByReference owner = new PointerByReference();
			PointerByReference descriptor = new PointerByReference();

			int status = win32().GetSecurityInfo(writer, AccCtrl.SE_OBJECT_TYPE.SE_KERNEL_OBJECT,
					WinNT.OWNER_SECURITY_INFORMATION, owner, null, null, null, descriptor);

			try {
				assertThat(status).isEqualTo(WinError.ERROR_SUCCESS);
				if (underWine()) {
					assertThat(owner.getValue()).isNull();
				}
				else {
					WindowsAccounts accounts = new WindowsAccounts(win32());
					assertThat(win32().EqualSid(owner.getValue(), accounts.currentUser(slot.toString()).sid()))
						.isTrue();
				}
			}
			finally {
				win32().LocalFree(descriptor.getValue());
			}
		}
	}

	@Test
	void writeToAnUnreadSlotPendsOnceItsQueueIsFullUnderWine() throws Exception {
		try (RawMailslot slot = raw("pends", 0, 0)) {
			HANDLE writer = slot.openWriter();
			int written = 0;
			int error = 0;
			while (written < 2_000 && error == 0) {
				error = slot.write(writer, ("m" + written).getBytes(StandardCharsets.UTF_8));
				if (error == 0) {
					written++;
				}
			}
			if (underWine()) {
				assertThat(error).isEqualTo(WinError.ERROR_IO_PENDING);
				assertThat(written).isPositive();
				slot.cancelPendingWrite(writer);
			}
			else {
				assertThat(error).isZero();
				assertThat(written).isEqualTo(2_000);
			}
			assertThat(slot.read(64).text()).isEqualTo("m0");
		}
	}

	@Test
	void slotMaximumIsNotEnforcedOnWritesUnderWine() throws Exception {
		try (RawMailslot slot = raw("maximum", 100, 0)) {
			int error = slot.write(slot.openWriter(), new byte[200]);

			if (underWine()) {
				assertThat(error).isZero();
				assertThat(slot.read(1000).bytes()).hasSize(200);
			}
			else {
				// "The maximum size of a single message that can be written to the mailslot"
				assertThat(error).isNotZero();
				assertThat(slot.nextSize()).isEqualTo(Win32.MAILSLOT_NO_MESSAGE);
			}
		}
	}

	private RawMailslot raw(String purpose, int maxMessageSize, int readTimeout) throws Exception {
		return RawMailslot.create(win32(), platform().osName(options(purpose).build().name()), maxMessageSize,
				readTimeout);
	}

	private static boolean isIn(Thread thread, String method) {
		for (StackTraceElement frame : thread.getStackTrace()) {
			if (frame.getMethodName().equals(method)) {
				return true;
			}
		}
		return false;
	}

}
