package dev.winipc.shm;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.OtherUser;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SharedMemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A segment another user created first is refused, so a squatter can neither feed nor
 * read this user's data, unless the access setting widens it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX users; the Windows owner check runs in WindowsSharedMemoryTest")
class SegmentOwnershipTest {

	private final SharedMemory memory = IpcPlatform.current().sharedMemory();

	@Test
	void segmentOfAnotherUserIsRefusedByDefaultAndAcceptedWhenAccessWidensIt() throws Exception {
		String name = SegmentNames.unique("squatted");
		assertThat(NativePeers.startAsOtherUser("shm_peer", "region-write", name, 64, "utf-8", "squatted").finish())
			.containsExactly("written");
		SharedMemoryOptions.Builder options = SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.REGION)
			.size(64)
			.encoding(RegionEncoding.UTF_8);
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> SharedMemoryRegion.open(this.memory, options.build()))
			.withMessageStartingWith("shm_open(/" + name + ") failed: EACCES (13) the segment belongs to user nobody (uid "
					+ OtherUser.UID + "), not to the current user " + System.getProperty("user.name"));
		try (SharedMemoryRegion widened = SharedMemoryRegion.open(this.memory, options.access("0660").build())) {
			assertThat(new String(widened.readIfChanged(), StandardCharsets.UTF_8)).isEqualTo("squatted");
		}
	}

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
