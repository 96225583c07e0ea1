package dev.winipc.windows;

import java.io.IOException;
import java.util.Objects;

import dev.winipc.transport.EndpointName;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.MailslotOptions;
import dev.winipc.transport.MailslotReader;
import dev.winipc.transport.MailslotWriter;
import dev.winipc.transport.Mailslots;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;
import dev.winipc.transport.Pipes;
import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SyncObjects;

/**
 * The Win32 implementation of the IPC objects: named pipes {@code \\.\pipe\NAME},
 * mailslots {@code \\.\mailslot\NAME}, and file mappings, mutexes, semaphores and events
 * {@code Local\NAME}, created and opened through a {@link Win32} binding.
 * <pre class="code">
 * IpcPlatform windows = new WindowsIpcPlatform(JnaWin32.load());
 * try (PipeServer server = windows.pipes().createServer(PipeOptions.of("orders"))) {
 *     PipeConnection client = server.accept();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class WindowsIpcPlatform implements IpcPlatform {

	/** The backend's name. */
	public static final String NAME = "windows";

	private final Win32 win32;

	private final WindowsAccounts accounts;

	private final PipeSecurity security;

	private final Pipes pipes = new WindowsPipes();

	private final Mailslots mailslots = new WindowsMailslots();

	private final SharedMemory sharedMemory;

	private final SyncObjects syncObjects;

	/**
	 * Create the platform over a Win32 binding.
	 * @param win32 the binding every call goes through, e.g. {@link JnaWin32#load()}
	 */
	public WindowsIpcPlatform(Win32 win32) {
		this.win32 = Objects.requireNonNull(win32, "win32 must not be null");
		this.accounts = new WindowsAccounts(win32);
		this.security = new PipeSecurity(win32, this.accounts);
		NamedKernelObjects objects = new NamedKernelObjects(win32, this.security);
		this.sharedMemory = new WindowsSharedMemory(win32, objects);
		this.syncObjects = new WindowsSyncObjects(win32, objects);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Pipes pipes() {
		return this.pipes;
	}

	@Override
	public Mailslots mailslots() {
		return this.mailslots;
	}

	@Override
	public SharedMemory sharedMemory() {
		return this.sharedMemory;
	}

	@Override
	public SyncObjects syncObjects() {
		return this.syncObjects;
	}

	@Override
	public String osName(EndpointName name) {
		return name.windowsName();
	}

	@Override
	public String toString() {
		return "WindowsIpcPlatform[" + this.win32.getClass().getSimpleName() + "]";
	}

	private final class WindowsMailslots implements Mailslots {

		@Override
		public MailslotReader createReader(MailslotOptions options) throws IOException {
			return WindowsMailslotReader.open(WindowsIpcPlatform.this.win32, WindowsIpcPlatform.this.security, options);
		}

		@Override
		public MailslotWriter createWriter(MailslotOptions options) throws IOException {
			return WindowsMailslotWriter.open(WindowsIpcPlatform.this.win32, WindowsIpcPlatform.this.security, options);
		}

	}

	private final class WindowsPipes implements Pipes {

		@Override
		public PipeServer createServer(PipeOptions options) throws IOException {
			return WindowsPipeServer.open(WindowsIpcPlatform.this.win32, WindowsIpcPlatform.this.security,
					WindowsIpcPlatform.this.accounts, options);
		}

		@Override
		public PipeClient createClient(PipeOptions options) {
			return new WindowsPipeClient(WindowsIpcPlatform.this.win32, WindowsIpcPlatform.this.security,
					WindowsIpcPlatform.this.accounts, options);
		}

	}

}
