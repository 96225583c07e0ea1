package dev.winipc.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jspecify.annotations.Nullable;

import dev.winipc.transport.AbstractPipeConnection;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.OperationGate;
import dev.winipc.transport.PeerIdentity;
import dev.winipc.transport.PipeMode;
import dev.winipc.transport.PipeOptions;

/**
 * One connected pipe handle, either end, opened {@code FILE_FLAG_OVERLAPPED}.
 * <p>
 * Reads and writes each have their own {@link OverlappedIo} (own {@code OVERLAPPED},
 * event and {@code Memory} buffer), so a reader waiting for data never holds up a writer.
 * Every wait also watches the close event: {@link #close()} signals it, cancels what is
 * pending with {@code CancelIoEx}, waits until every operation has seen its cancellation
 * complete, and only then closes the handle and frees the memory, so no handle value is
 * used after it was closed and no memory after it was freed.
 */
final class WindowsPipeConnection extends AbstractPipeConnection {

	private static final Logger logger = System.getLogger(WindowsPipeConnection.class.getName());

	private static final byte[] EMPTY = new byte[0];

	private final Win32 win32;

	private final HANDLE handle;

	private final Runnable onClose;

	private final HANDLE closeEvent;

	private final OverlappedIo readIo;

	private final OverlappedIo writeIo;

	private final ReentrantLock readLock = new ReentrantLock();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final OperationGate gate = new OperationGate();

	private final PipeInputStream inputStream;

	private final PipeOutputStream outputStream;

	private byte[] message = EMPTY;

	/**
	 * Return the owner and DACL of the pipe, as SDDL.
	 * @param security the pipe security
	 * @return the SDDL Win32 reports for the pipe object
	 * @throws IpcException if Win32 refuses, or the connection is closed
	 */
	String sddl(PipeSecurity security) throws IpcException {
		enter("GetSecurityInfo");
		try {
			return security.sddlOf(this.handle, path());
		}
		finally {
			exit();
		}
	}

	private WindowsPipeConnection(Win32 win32, HANDLE handle, PipeOptions options, PeerIdentity peer,
			Runnable onClose, HANDLE closeEvent, OverlappedIo readIo, OverlappedIo writeIo) {
		super(options, peer, options.name().windowsName());
		this.win32 = win32;
		this.handle = handle;
		this.onClose = onClose;
		this.closeEvent = closeEvent;
		this.readIo = readIo;
		this.writeIo = writeIo;
		this.inputStream = new PipeInputStream(this, options.bufferSize());
		this.outputStream = new PipeOutputStream(this);
	}

	/**
	 * Wrap a connected pipe handle, which the connection owns from now on: if this fails,
	 * the handle is closed and {@code onClose} has run.
	 * @param win32 the Win32 binding
	 * @param handle the connected handle, opened {@code FILE_FLAG_OVERLAPPED}
	 * @param options the pipe's options
	 * @param peer what Win32 tells about the other end
	 * @param onClose what to run once the handle is closed
	 * @return the connection
	 * @throws IpcException if the events cannot be created
	 */
	static WindowsPipeConnection open(Win32 win32, HANDLE handle, PipeOptions options, PeerIdentity peer,
			Runnable onClose) throws IpcException {
		String path = options.name().windowsName();
		@Nullable HANDLE closeEvent = null;
		@Nullable OverlappedIo readIo = null;
		try {
			closeEvent = Win32Handles.createEvent(win32, true, path);
			readIo = new OverlappedIo(win32, closeEvent, options.bufferSize(), path);
			OverlappedIo writeIo = new OverlappedIo(win32, closeEvent, options.bufferSize(), path);
			return new WindowsPipeConnection(win32, handle, options, peer, onClose, closeEvent, readIo, writeIo);
		}
		catch (IpcException | RuntimeException ex) {
			if (readIo != null) {
				readIo.free();
			}
			Win32Handles.close(win32, closeEvent, path);
			Win32Handles.close(win32, handle, path);
			onClose.run();
			throw ex;
		}
	}

	@Override
	public byte @Nullable [] readMessage() throws IOException {
		requireMode(PipeMode.MESSAGE, "readMessage()");
		this.readLock.lock();
		try {
			enter("ReadFile");
			boolean abandon = false;
			try {
				int length = 0;
				while (true) {
					Memory buffer = this.readIo.buffer();
					boolean started = this.win32.ReadFile(this.handle, buffer, (int) buffer.size(), null,
							this.readIo.begin());
					int count = this.readIo.await(this.handle, started);
					int error = this.readIo.error();
					if (error == 0 || error == WinError.ERROR_MORE_DATA) {
						if ((long) length + count > options().maxMessageSize()) {
							// The rest of the message is still in the pipe: nothing after it
							// could be read in step, so the connection goes.
							abandon = true;
							throw new IpcException("ReadFile", path(), "a message of more than "
									+ options().maxMessageSize() + " bytes (the maximum message size) arrived; "
									+ "closing the connection");
						}
						if (error == 0 && length == 0) {
							return buffer.getByteArray(0, count);
						}
						length = append(buffer, count, length);
						if (error == 0) {
							return Arrays.copyOf(this.message, length);
						}
						continue;
					}
					if (this.gate.isShut()) {
						throw closedFailure("ReadFile");
					}
					if (isEndOfStream(error)) {
						if (length == 0) {
							return null;
						}
						abandon = true;
						throw Win32Errors.failure("ReadFile", path(), error,
								"the peer went away " + length + " bytes into a message; the part is discarded");
					}
					abandon = length > 0;
					throw Win32Errors.failure("ReadFile", path(), error);
				}
			}
			finally {
				exit();
				if (abandon) {
					close();
				}
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	@Override
	public void writeMessage(byte[] bytes, int offset, int length) throws IOException {
		requireMode(PipeMode.MESSAGE, "writeMessage()");
		Objects.checkFromIndexSize(offset, length, bytes.length);
		this.writeLock.lock();
		try {
			enter("WriteFile");
			try {
				// One message is one WriteFile, whatever its size: a message pipe keeps
				// the boundaries of writes, not of what we meant.
				int written = writeOnce(bytes, offset, length);
				if (written != length) {
					throw new IpcException("WriteFile", path(),
							"wrote " + written + " of the message's " + length + " bytes");
				}
			}
			finally {
				exit();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public InputStream inputStream() {
		requireMode(PipeMode.BYTE, "inputStream()");
		return this.inputStream;
	}

	@Override
	public OutputStream outputStream() {
		requireMode(PipeMode.BYTE, "outputStream()");
		return this.outputStream;
	}

	@Override
	public boolean isOpen() {
		return !this.gate.isShut();
	}

	@Override
	public void close() {
		if (!this.gate.shut()) {
			return;
		}
		// The event wakes waits already under way and those started from now on; the
		// cancellation ends what is pending without a waiter yet.
		this.win32.SetEvent(this.closeEvent);
		if (!this.win32.CancelIoEx(this.handle, null)) {
			int error = this.win32.lastError();
			if (error != WinError.ERROR_NOT_FOUND) {
				logger.log(Level.DEBUG, () -> "CancelIoEx(" + path() + ") failed: " + Win32Errors.describe(error));
			}
		}
		this.gate.awaitIdle();
		// No DisconnectNamedPipe: it would discard what the peer has not read yet, while
		// closing the last handle lets the peer read it and then see ERROR_BROKEN_PIPE.
		Win32Handles.close(this.win32, this.handle, path());
		this.readIo.free();
		this.writeIo.free();
		Win32Handles.close(this.win32, this.closeEvent, path());
		logger.log(Level.DEBUG, () -> "Closed pipe connection " + id() + " on " + path());
		this.onClose.run();
	}

	/**
	 * Read what the pipe has, at most {@code length} bytes and one buffer's worth; the
	 * byte-mode primitive under {@link #inputStream()}.
	 * @return the bytes read, or {@code -1} at end of stream
	 */
	int read(byte[] target, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, target.length);
		if (length == 0) {
			return 0;
		}
		this.readLock.lock();
		try {
			enter("ReadFile");
			try {
				while (true) {
					Memory buffer = this.readIo.buffer();
					int request = (int) Math.min(length, buffer.size());
					boolean started = this.win32.ReadFile(this.handle, buffer, request, null, this.readIo.begin());
					int count = this.readIo.await(this.handle, started);
					int error = this.readIo.error();
					if (error == 0 || error == WinError.ERROR_MORE_DATA) {
						if (count == 0) {
							// A zero-length write on the other end, not the end of the stream.
							continue;
						}
						buffer.read(0, target, offset, count);
						return count;
					}
					if (this.gate.isShut()) {
						throw closedFailure("ReadFile");
					}
					if (isEndOfStream(error)) {
						return -1;
					}
					throw Win32Errors.failure("ReadFile", path(), error);
				}
			}
			finally {
				exit();
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	/**
	 * Write all the bytes, one buffer's worth per {@code WriteFile}; the byte-mode
	 * primitive under {@link #outputStream()}.
	 */
	void write(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		this.writeLock.lock();
		try {
			enter("WriteFile");
			try {
				int chunk = (int) this.writeIo.buffer().size();
				int done = 0;
				while (done < length) {
					int written = writeOnce(bytes, offset + done, Math.min(chunk, length - done));
					if (written <= 0) {
						throw new IpcException("WriteFile", path(), "the pipe took none of " + (length - done)
								+ " bytes");
					}
					done += written;
				}
			}
			finally {
				exit();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private int writeOnce(byte[] bytes, int offset, int length) throws IOException {
		Memory buffer = this.writeIo.buffer();
		// A message larger than the buffer gets native memory of its own, freed only once
		// the write has completed.
		Memory source = (length <= buffer.size()) ? buffer : new Memory(length);
		source.write(0, bytes, offset, length);
		boolean started = this.win32.WriteFile(this.handle, source, length, null, this.writeIo.begin());
		int written = this.writeIo.await(this.handle, started);
		int error = this.writeIo.error();
		if (source != buffer) {
			source.close();
		}
		if (error != 0) {
			if (this.gate.isShut()) {
				throw closedFailure("WriteFile");
			}
			throw Win32Errors.failure("WriteFile", path(), error,
					(isEndOfStream(error) || error == WinError.ERROR_NO_DATA) ? "the peer closed the pipe" : null);
		}
		return written;
	}

	private int append(Memory buffer, int count, int length) {
		int needed = length + count;
		if (needed > this.message.length) {
			int grown = (int) Math.min(options().maxMessageSize(), Math.max(needed, 2L * this.message.length));
			this.message = Arrays.copyOf(this.message, grown);
		}
		buffer.read(0, this.message, length, count);
		return needed;
	}

	private static boolean isEndOfStream(int error) {
		return error == WinError.ERROR_BROKEN_PIPE || error == WinError.ERROR_PIPE_NOT_CONNECTED;
	}

	private void enter(String operation) throws IpcException {
		if (!this.gate.enter()) {
			throw closedFailure(operation);
		}
	}

	private void exit() {
		this.gate.exit();
	}

	private IpcException closedFailure(String operation) {
		return Win32Errors.failure(operation, path(), WinError.ERROR_OPERATION_ABORTED, "the connection is closed");
	}

}
