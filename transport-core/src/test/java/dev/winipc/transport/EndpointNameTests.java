package dev.winipc.transport;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.winipc.transport.EndpointName.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every kind's name mapping, as DESIGN.md and docs/wire-format.md give it.
 */
class EndpointNameTests {

	private static final Path TMP = EndpointName.posixTempDirectory();

	@Test
	void pipeNamesMapToTheWin32PipeAndDotNetsSocketPath() {
		EndpointName pipe = EndpointName.pipe("orders");
		assertThat(pipe.windowsName()).isEqualTo("\\\\.\\pipe\\orders");
		assertThat(pipe.posixPath()).isEqualTo(TMP.resolve("CoreFxPipe_orders"));
		assertThat(EndpointName.pipe("\\\\.\\PIPE\\orders")).isEqualTo(pipe);
		assertThat(EndpointName.pipe("/run/app/orders.sock").posixPath()).isEqualTo(Path.of("/run/app/orders.sock"));
	}

	@Test
	void mailslotNamesMapToTheWin32MailslotAndADatagramSocketPath() {
		EndpointName mailslot = EndpointName.mailslot("\\\\.\\mailslot\\HelloWorld");
		assertThat(mailslot.name()).isEqualTo("HelloWorld");
		assertThat(mailslot.windowsName()).isEqualTo("\\\\.\\mailslot\\HelloWorld");
		assertThat(mailslot.posixPath()).isEqualTo(TMP.resolve("winipc-mailslot-HelloWorld"));
	}

	@Test
	void sharedMemoryNamesKeepTheirWindowsNamespaceAndDropItOnPosix() {
		EndpointName local = EndpointName.sharedMemory("Local\\HelloWorld");
		assertThat(local.windowsName()).isEqualTo("Local\\HelloWorld");
		assertThat(local.posixName()).isEqualTo("/HelloWorld");
		assertThat(local.posixPath()).isEqualTo(Path.of("/dev/shm/HelloWorld"));
		assertThat(EndpointName.sharedMemory("HelloWorld")).isEqualTo(local);
		EndpointName global = EndpointName.sharedMemory("Global\\ticks");
		assertThat(global.windowsName()).isEqualTo("Global\\ticks");
		assertThat(global.posixName()).isEqualTo("/ticks");
		assertThat(global).isNotEqualTo(EndpointName.sharedMemory("ticks"));
	}

	@Test
	void synchronizationObjectNamesMapToFlockFilesAndNamedSemaphores() {
		assertThat(EndpointName.of(Kind.MUTEX, "Local\\jobs").posixPath()).isEqualTo(TMP.resolve("winipc-mutex-jobs"));
		assertThat(EndpointName.of(Kind.MUTEX, "jobs").windowsName()).isEqualTo("Local\\jobs");
		EndpointName semaphore = EndpointName.of(Kind.SEMAPHORE, "workers");
		assertThat(semaphore.posixName()).isEqualTo("/workers");
		assertThat(semaphore.posixPath()).isEqualTo(Path.of("/dev/shm/sem.workers"));
	}

	@Test
	void invalidNamesAreRefusedNamingTheKind() {
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointName.pipe(""))
			.withMessageContaining("Invalid pipe name ''");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointName.mailslot("a\0b"))
			.withMessageContaining("Invalid mailslot name");
		assertThatIllegalArgumentException().isThrownBy(() -> EndpointName.sharedMemory("Local\\a/b"))
			.withMessageContaining("Invalid shared-memory name 'Local\\a/b'");
	}

	@Test
	void kindsOfTheSameNameAreDifferentEndpoints() {
		assertThat(EndpointName.pipe("x")).isNotEqualTo(EndpointName.mailslot("x"));
	}

}
