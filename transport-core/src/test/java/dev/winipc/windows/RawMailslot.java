package dev.winipc.windows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mailslot handled with bare Win32 calls, below the backend, so that a test can show
 * what Win32 itself does: the ground truth each Wine deviation is stated against.
 */
final class RawMailslot implements AutoCloseable {

	private static final int BUFFER = 64 * 1024;

	private final Win32 win32;

	private final String path;

	private @Nullable HANDLE slot;

	private final HANDLE event;

	private final OverlappedIo io;

	private final List<HANDLE> writers = new ArrayList<>();

	private RawMailslot(Win32 win32, String path, HANDLE slot) throws Exception {
		this.win32 = win32;
		this.path = path;
		this.slot = slot;
		this.event = Win32Handles.createEvent(win32, true, path);
		this.io = new OverlappedIo(win32, this.event, BUFFER, path);
	}

	/**
	 * Create a slot.
	 * @param win32 the binding
	 * @param path e.g. {@code \\.\mailslot\x}
	 * @param maxMessageSize {@code nMaxMessageSize}
	 * @param readTimeout {@code lReadTimeout}
	 * @return the slot
	 */
	static RawMailslot create(Win32 win32, String path, int maxMessageSize, int readTimeout) throws Exception {
		HANDLE slot = win32.CreateMailslotW(path, maxMessageSize, readTimeout, null);
		assertThat(Win32Handles.isValid(slot)).as("CreateMailslot(%s), error %d", path, win32.lastError()).isTrue();
		return new RawMailslot(win32, path, slot);
	}

	/** @return the slot's handle */
	HANDLE handle() {
		return (this.slot != null) ? this.slot : new HANDLE();
	}

	/** Open a writer's handle, overlapped and sharing reading and writing, as the backend does. */
	HANDLE openWriter() {
		HANDLE writer = openWriter(WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE);
		assertThat(Win32Handles.isValid(writer)).as("CreateFile(%s), error %d", this.path, this.win32.lastError())
			.isTrue();
		return writer;
	}

	/**
	 * Open a writer's handle, overlapped.
	 * @param share {@code dwShareMode}
	 * @return the handle, possibly {@code INVALID_HANDLE_VALUE}
	 */
	HANDLE openWriter(int share) {
		HANDLE writer = this.win32.CreateFileW(this.path, WinNT.GENERIC_WRITE, share, null, WinNT.OPEN_EXISTING,
				WinNT.FILE_FLAG_OVERLAPPED, null);
		if (Win32Handles.isValid(writer)) {
			this.writers.add(writer);
		}
		return writer;
	}

	/** Write one message with a writer handle of its own; return the error, 0 on success. */
	int write(String text) {
		return write(openWriter(), text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Start a write and return its error without waiting for a pending one.
	 * @return {@code 0}, {@code ERROR_IO_PENDING} or the error
	 */
	int write(HANDLE writer, byte[] bytes) {
		Memory buffer = this.io.buffer();
		if (bytes.length > 0) {
			buffer.write(0, bytes, 0, bytes.length);
		}
		boolean started = this.win32.WriteFile(writer, buffer, bytes.length, null, this.io.begin());
		return started ? 0 : this.win32.lastError();
	}

	/** Cancel the write {@link #write(HANDLE, byte[])} left pending and wait for it. */
	void cancelPendingWrite(HANDLE writer) {
		this.win32.CancelIoEx(writer, null);
		this.io.await(writer, false);
	}

	/**
	 * Read one message into a buffer of a size; only when one is waiting, or the slot's
	 * timeout is finite.
	 */
	Read read(int size) {
		Memory buffer = this.io.buffer();
		boolean started = this.win32.ReadFile(handle(), buffer, size, null, this.io.begin());
		int count = this.io.await(handle(), started);
		return new Read(this.io.error(), buffer.getByteArray(0, Math.max(0, count)));
	}

	/** @return {@code GetMailslotInfo}'s next size */
	int nextSize() {
		IntByReference next = new IntByReference();
		assertThat(this.win32.GetMailslotInfo(handle(), null, next, null, null)).isTrue();
		return next.getValue();
	}

	/** @return {@code GetMailslotInfo}'s message count */
	int count() {
		IntByReference count = new IntByReference();
		assertThat(this.win32.GetMailslotInfo(handle(), null, null, count, null)).isTrue();
		return count.getValue();
	}

	/** Close the reader's handle, leaving the writers' open. */
	void closeReader() {
		if (this.slot != null) {
			Win32Handles.close(this.win32, this.slot, this.path);
			this.slot = null;
		}
	}

	@Override
	public void close() {
		this.writers.forEach((writer) -> Win32Handles.close(this.win32, writer, this.path));
		this.writers.clear();
		closeReader();
		this.io.free();
		Win32Handles.close(this.win32, this.event, this.path);
	}

	/**
	 * What one {@code ReadFile} did.
	 * @param error {@code 0} or the Win32 error
	 * @param bytes what it delivered
	 */
	record Read(int error, byte[] bytes) {

		String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

	}

}
