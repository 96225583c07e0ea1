package dev.winipc.windows;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

/**
 * The wire between {@link RelayWin32} and {@code peers/win32_relay.c}: framing, one
 * mailbox per calling thread, and the encoding of arguments and results (little-endian;
 * strings as a UTF-16 unit count and the units, {@code -1} for {@code NULL}).
 */
final class RelayChannel implements AutoCloseable {

	private static final int NULL_STRING = -1;

	private final OutputStream requests;

	private final DataInputStream responses;

	private final Map<Long, BlockingQueue<ByteBuffer>> mailboxes = new ConcurrentHashMap<>();

	private volatile @Nullable IOException broken;

	RelayChannel(OutputStream requests, InputStream responses) {
		this.requests = requests;
		this.responses = new DataInputStream(responses);
		Thread reader = new Thread(this::readResponses, "win32-relay-responses");
		reader.setDaemon(true);
		reader.start();
	}

	static @Nullable String string(ByteBuffer buffer) {
		int count = buffer.getInt();
		if (count == NULL_STRING) {
			return null;
		}
		byte[] units = new byte[count * 2];
		buffer.get(units);
		return new String(units, StandardCharsets.UTF_16LE);
	}

	/**
	 * Perform one call on the calling thread's relay thread. Like a JNA call it cannot be
	 * interrupted: an interrupt that arrives meanwhile is kept for the caller, and the
	 * call still returns its own result, so that a late reply can never answer the
	 * thread's next call.
	 * @return the response, positioned at the last-error value
	 */
	ByteBuffer call(Op op, Request request) {
		long thread = Thread.currentThread().getId();
		BlockingQueue<ByteBuffer> mailbox = this.mailboxes.computeIfAbsent(thread, id -> new ArrayBlockingQueue<>(1));
		byte[] body = request.toByteArray();
		ByteBuffer frame = ByteBuffer.allocate(4 + 8 + 4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
		frame.putInt(8 + 4 + body.length).putLong(thread).putInt(op.code()).put(body);
		boolean interrupted = false;
		try {
			synchronized (this.requests) {
				this.requests.write(frame.array());
				this.requests.flush();
			}
			ByteBuffer response = null;
			while (response == null) {
				IOException failure = this.broken;
				if (failure != null) {
					throw new UncheckedIOException("The Win32 relay is gone", failure);
				}
				try {
					response = mailbox.poll(100, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot reach the Win32 relay calling " + op, ex);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void readResponses() {
		try {
			while (true) {
				int length = Integer.reverseBytes(this.responses.readInt());
				byte[] frame = new byte[length];
				this.responses.readFully(frame);
				ByteBuffer response = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
				long thread = response.getLong();
				BlockingQueue<ByteBuffer> mailbox = this.mailboxes.get(thread);
				if (mailbox == null || !mailbox.offer(response)) {
					// Each call waits for its own reply: a second one is a protocol fault.
					throw new IOException("The Win32 relay answered thread " + thread + " with no call waiting");
				}
			}
		}
		catch (IOException ex) {
			this.broken = ex;
		}
	}

	@Override
	public void close() {
		try {
			this.requests.close();
		}
		catch (IOException ex) {
			// the relay is gone already
		}
	}

	/**
	 * Operation numbers, as {@code peers/win32_relay.c} numbers them. Each group of
	 * calls has a range of its own: pipes and the common calls from 1, mailslots from
	 * 100, shared memory from 200, named synchronization objects from 300.
	 */
	enum Op {

		CreateNamedPipeW(1), ConnectNamedPipe(2), CreateFileW(3), WaitNamedPipeW(4), SetNamedPipeHandleState(5),
		GetNamedPipeClientProcessId(6), GetNamedPipeServerProcessId(7), ReadFile(8), WriteFile(9),
		GetOverlappedResult(10), CancelIoEx(11), CreateEventW(12), SetEvent(13), WaitForMultipleObjects(14),
		CloseHandle(15), OpenProcess(16), LocalFree(17), OpenProcessToken(18), GetTokenInformation(19),
		EqualSid(20), ConvertSidToStringSidW(21), ConvertStringSecurityDescriptorToSecurityDescriptorW(22),
		GetSecurityInfo(23), LookupAccountSidW(24), GetCurrentProcessId(25),
		ConvertSecurityDescriptorToStringSecurityDescriptorW(26),

		CreateMailslotW(100), GetMailslotInfo(101),

		CreateFileMappingW(200), OpenFileMappingW(201), MapViewOfFile(202), UnmapViewOfFile(203),

		CreateMutexW(300), OpenMutexW(301), ReleaseMutex(302), CreateSemaphoreW(303), OpenSemaphoreW(304),
		ReleaseSemaphore(305), OpenEventW(306), ResetEvent(307), PulseEvent(308);

		private final int code;

		Op(int code) {
			this.code = code;
		}

		int code() {
			return this.code;
		}

	}

	/** A request's arguments, encoded as the relay reads them. */
	static final class Request {

		private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

		private ByteBuffer room(int bytes) {
			if (this.buffer.remaining() < bytes) {
				ByteBuffer larger = ByteBuffer.allocate(Math.max(this.buffer.capacity() * 2, this.buffer.position() + bytes))
					.order(ByteOrder.LITTLE_ENDIAN);
				this.buffer.flip();
				larger.put(this.buffer);
				this.buffer = larger;
			}
			return this.buffer;
		}

		Request u32(int value) {
			room(4).putInt(value);
			return this;
		}

		Request u64(long value) {
			room(8).putLong(value);
			return this;
		}

		Request handle(@Nullable HANDLE handle) {
			return u64((handle != null && handle.getPointer() != null) ? Pointer.nativeValue(handle.getPointer()) : 0);
		}

		Request string(@Nullable String text) {
			if (text == null) {
				return u32(NULL_STRING);
			}
			byte[] units = text.getBytes(StandardCharsets.UTF_16LE);
			u32(text.length());
			room(units.length).put(units);
			return this;
		}

		Request bytes(byte[] data) {
			u32(data.length);
			room(data.length).put(data);
			return this;
		}

		Request optional(@Nullable IntByReference value) {
			return u32((value != null) ? 1 : 0).u32((value != null) ? value.getValue() : 0);
		}

		Request attributes(@Nullable SECURITY_ATTRIBUTES attributes) {
			if (attributes == null) {
				return u32(0).u64(0).u32(0);
			}
			return u32(1).u64(Pointer.nativeValue(attributes.lpSecurityDescriptor))
				.u32(attributes.bInheritHandle ? 1 : 0);
		}

		Request overlapped(Pointer overlapped) {
			long event = overlapped.getLong(OverlappedIo.eventOffset(Native.POINTER_SIZE));
			return u64(Pointer.nativeValue(overlapped)).u64(event);
		}

		byte[] toByteArray() {
			byte[] bytes = new byte[this.buffer.position()];
			this.buffer.flip();
			this.buffer.get(bytes);
			return bytes;
		}

	}

}
