package dev.winipc.shm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SharedMemory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment this user creates is open to this user only. A segment another user created
 * first is refused unless the access setting widens it, so a squatter can neither feed
 * nor read this user's data: {@code winipc-testcontainers}' {@code SharedMemoryContainerTests}
 * shows it with the squatter in a container.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX users; the Windows owner check runs in WindowsSharedMemoryTest")
class SegmentOwnershipTest {

	private final SharedMemory memory = IpcPlatform.current().sharedMemory();

	@Test
	void createdSegmentIsReadableAndWritableByTheCurrentUserOnly() throws Exception {
		String name = SegmentNames.unique("private");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				SharedMemoryOptions.builder(name).capacity(1024).removeOnClose(true).build())) {
			assertThat(java.nio.file.Files.getPosixFilePermissions(SegmentNames.posixPath(name)))
				.containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
						java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
		}
	}

}
