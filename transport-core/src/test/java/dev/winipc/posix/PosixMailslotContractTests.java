package dev.winipc.posix;

import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.MailslotContract;

/**
 * The mailslot contract on the POSIX backend: Unix datagram sockets through libc.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the POSIX backend's Unix datagram sockets")
class PosixMailslotContractTests extends MailslotContract {

	@Override
	protected IpcPlatform createPlatform() {
		return new PosixIpcPlatform();
	}

	@Override
	protected Set<String> blockingCalls() {
		return Set.of("poll");
	}

	@Override
	protected String noReaderError() {
		return "ENOENT";
	}

	@Override
	protected String nameInUseError() {
		return "EADDRINUSE";
	}

	@Override
	protected OptionalInt reportedCount(int waiting) {
		return OptionalInt.empty();
	}

	@Override
	protected boolean queueFills() {
		return true;
	}

	@Override
	protected boolean osRefusesMessagesAboveTheReadersMaximum() {
		return false;
	}

	@Override
	protected boolean refusesWritersWhileStopping() {
		// shutdown(SHUT_RD) makes the kernel refuse them; macOS has no such refusal.
		return !PosixErrors.isDarwin();
	}

}
