package dev.winipc.windows;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeConnection;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;
import dev.winipc.transport.PipeTransportContract;
import dev.winipc.transport.Pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The pipe contract of the Windows backend: what every backend promises
 * ({@link PipeTransportContract}) and what only Win32 pipes do, both ends in this JVM,
 * each test on a pipe name of its own. It runs against the real Win32 on Windows
 * ({@link JnaWindowsPipeContractTests}) and against Wine's Win32 on Linux
 * ({@link WineWindowsPipeContractTests}); where Wine differs from Windows a test names
 * the deviation and asserts what Wine does, so a change in either is noticed.
 */
abstract class WindowsPipeContract extends PipeTransportContract {

	private IpcPlatform platform;

	/**
	 * Return the Win32 the backend runs on.
	 * @return the binding
	 */
	abstract Win32 win32();

	/**
	 * Return the Windows process id of the process the backend's pipes live in.
	 * @return the pid
	 */
	abstract long ownProcessId();

	/**
	 * Return whether the Win32 underneath is Wine's.
	 * @return {@code true} under Wine
	 */
	abstract boolean underWine();

	@BeforeEach
	void createPlatform() {
		this.platform = new WindowsIpcPlatform(win32());
	}

	@Test
	void serverAtItsInstanceLimitServesTheNextClientOnceOneLeft() throws Exception {
		PipeOptions options = uniqueOptions().maxInstances(1).connectTimeout(WITHIN).build();
		PipeServer server = serve(options);
		PipeConnection first = connect(options);
		PipeConnection servedFirst = track(server.accept());
		CompletableFuture<PipeConnection> acceptedSecond = async(server::accept);
		CompletableFuture<PipeConnection> second = async(() -> connect(options));

		servedFirst.close();
		first.close();

		assertThat(acceptedSecond).succeedsWithin(WITHIN);
		assertThat(second).succeedsWithin(WITHIN);
		second.join().writeMessage(bytes("next"), 0, 4);
		assertThat(track(acceptedSecond.join()).readMessage()).isEqualTo(bytes("next"));
	}

	@Test
	void secondServerOnTheSameNameFailsNamingThePipe() throws Exception {
		PipeOptions options = uniqueOptions().build();

		if (underWine()) {
			// Wine 8 deviation: FILE_FLAG_FIRST_PIPE_INSTANCE is ignored, so a second
			// server joins the pipe's instances instead of failing.
			PipeServer first = serve(options);
			PipeServer second = serve(options);
			CompletableFuture<PipeConnection> toFirst = async(() -> track(first.accept()));
			CompletableFuture<PipeConnection> toSecond = async(() -> track(second.accept()));
			connect(options);
			assertThat(CompletableFuture.anyOf(toFirst, toSecond)).succeedsWithin(WITHIN);
			return;
		}
		serve(options);
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> serve(options))
			.withMessageContaining(options.name().windowsName())
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo("ERROR_ACCESS_DENIED"));
	}

	@Test
	void peerProcessIsOursWhenBothEndsAreHere() throws Exception {
		PipeOptions options = uniqueOptions().build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();
		long pid = ownProcessId();

		assertThat(served.peer().processId()).isEqualTo(pid);
		assertThat(client.peer().processId()).isEqualTo(pid);
		assertThat(served.peer().user()).endsWithIgnoringCase(System.getProperty("user.name"));
	}

	@Test
	void sddlOverrideLetsAClientInWithoutTheOwnerCheck() throws Exception {
		PipeOptions options = uniqueOptions().access("D:P(A;;GA;;;AU)(A;;GA;;;SY)").build();
		Connected pipe = connectPair(options);
		PipeConnection client = pipe.client();
		PipeConnection served = pipe.served();

		client.writeMessage(bytes("wide"), 0, 4);

		assertThat(served.readMessage()).isEqualTo(bytes("wide"));
	}

	@Test
	void serverAppliesTheCurrentUserSecurityDescriptorToItsPipe() throws Exception {
		Connected pipe = connectPair(uniqueOptions().build());
		String sid = new WindowsAccounts(win32()).currentUser("test").sidString();

		String applied = sddlOf(pipe.client());

		if (underWine()) {
			// Wine 8 deviation: the DACL's generic right stays GA; Windows maps it to the
			// pipe's own rights when the object is created.
			assertThat(applied).isEqualTo("O:" + sid + "D:P(A;;GA;;;" + sid + ")");
			return;
		}
		assertThat(applied).isEqualTo("O:" + sid + "D:P(A;;FA;;;" + sid + ")");
	}

	@Test
	void serverAppliesTheSddlOverrideAskedFor() throws Exception {
		String sid = new WindowsAccounts(win32()).currentUser("test").sidString();
		Connected pipe = connectPair(uniqueOptions().access("O:" + sid + "D:P(A;;GA;;;AU)(A;;GA;;;SY)").build());

		String applied = sddlOf(pipe.client());

		// Wine 8 deviation, as above: GA stays GA.
		String rights = underWine() ? "GA" : "FA";
		assertThat(applied).isEqualTo("O:" + sid + "D:P(A;;" + rights + ";;;AU)(A;;" + rights + ";;;SY)");
	}

	@Test
	void daclThatDoesNotGrantTheClientKeepsItOut() throws Exception {
		// Owned by this user, but only SYSTEM may open it.
		PipeOptions options = uniqueOptions().access("D:P(A;;GA;;;SY)").build();
		serve(options);
		PipeOptions client = PipeOptions.builder(options.name().name()).access("D:P(A;;GA;;;WD)").build();

		if (underWine()) {
			// Wine 8 deviation: pipe DACLs are not enforced; the client gets in.
			assertThat(connect(client).isOpen()).isTrue();
			return;
		}
		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> connect(client))
			.withMessageContaining(options.name().windowsName())
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo("ERROR_ACCESS_DENIED"));
	}

	@Test
	void invalidSddlOverrideFailsNamingThePipe() {
		// SDDL in form, but no such ACE type: only Win32 can tell.
		PipeOptions options = uniqueOptions().access("D:P(X;;GA;;;AU)").build();

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> serve(options))
			.withMessageContaining(options.name().windowsName())
			.withMessageContaining("ConvertStringSecurityDescriptorToSecurityDescriptor");
	}

	private String sddlOf(PipeConnection connection) throws IpcException {
		return ((WindowsPipeConnection) connection).sddl(new PipeSecurity(win32(), new WindowsAccounts(win32())));
	}

	@Override
	protected Pipes pipes() {
		return this.platform.pipes();
	}

	@Override
	protected PipeOptions.Builder uniqueOptions() {
		return PipeOptions.builder("winipc-test-" + UUID.randomUUID());
	}

	@Override
	protected boolean isBlockedInTheOs(StackTraceElement[] stack) {
		// Every wait of the backend, for I/O or a client, is this one call.
		return hasFrame(stack, "dev.winipc.windows.", "WaitForMultipleObjects");
	}

	@Override
	protected String pipeNotFoundError() {
		return "ERROR_FILE_NOT_FOUND";
	}

}
