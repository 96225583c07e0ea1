package dev.winipc.windows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.shm.RegionEncoding;
import dev.winipc.shm.RingRecords;
import dev.winipc.shm.SharedMemoryLayout;
import dev.winipc.shm.SharedMemoryLayoutException;
import dev.winipc.shm.SharedMemoryOptions;
import dev.winipc.shm.SharedMemoryRegion;
import dev.winipc.shm.SharedMemoryRing;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.SegmentNames;
import dev.winipc.testing.WindowsPeers;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.SharedMemory;
import dev.winipc.transport.SharedRegion;
import dev.winipc.transport.SharedRegionOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared-memory contract of the Windows backend: file mappings {@code Local\NAME}
 * with native Windows peers ({@code peers/shm_peer.c}) using the documented layouts. It
 * runs against the real Win32 on Windows ({@link JnaWindowsSharedMemoryTests}) and
 * against Wine's on Linux ({@link WineWindowsSharedMemoryTests}).
 */
@Timeout(120)
abstract class WindowsSharedMemoryContract {

	private static final int RECORDS = 100_000;

	private SharedMemory memory;

	/**
	 * Return the Win32 the backend runs on.
	 * @return the binding
	 */
	abstract Win32 win32();

	/**
	 * Return whether the Win32 underneath is Wine's.
	 * @return {@code true} under Wine
	 */
	abstract boolean underWine();

	@BeforeEach
	void createPlatform() {
		this.memory = new WindowsIpcPlatform(win32()).sharedMemory();
	}

	@Test
	void fourConcurrentNativeWritersDeliverEveryRecordInOrderPerWriter() throws Exception {
		String name = local("writers");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				SharedMemoryOptions.builder(name).capacity(64 * 1024).build())) {
			assertThat(ring.created()).isTrue();
			List<PeerProcess> writers = new ArrayList<>();
			for (int writer = 0; writer < 4; writer++) {
				writers.add(WindowsPeers.start("shm_peer", "ring-write", name, 64 * 1024, writer, RECORDS));
			}
			RingRecords.assertEveryRecordInOrder(ring, writers, RECORDS);
		}
	}

	@Test
	void javaWriterFeedsNativeReaderThatCreatedTheMapping() throws Exception {
		String name = local("reader");
		try (PeerProcess reader = WindowsPeers.start("shm_peer", "ring-read", name, 4096, 200)) {
			reader.awaitLine("ready");
			try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
					SharedMemoryOptions.builder(name).capacity(4096).create(false).build())) {
				assertThat(ring.created()).isFalse();
				for (int i = 0; i < 200; i++) {
					byte[] record = RingRecords.text("record " + i);
					ring.write(record, 0, record.length);
				}
				assertThat(reader.finish()).hasSize(202).startsWith("ready", "record 0").endsWith("record 199", "done");
			}
		}
	}

	@Test
	void wideCharNativePeerReadsAndWritesTheHelloWorldRegion() throws Exception {
		String name = local("hello");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.REGION)
			.size(256)
			.encoding(RegionEncoding.UTF_16LE)
			.build())) {
			region.write("Hello from Java".getBytes(StandardCharsets.UTF_16LE));
			assertThat(WindowsPeers.start("shm_peer", "region-read", name, 256, "utf-16le", "Hello from Java").finish())
				.containsExactly("read: Hello from Java");
			assertThat(WindowsPeers.start("shm_peer", "region-write", name, 256, "utf-16le", "Hello from Win32")
				.finish()).containsExactly("written");
			AtomicReference<byte[]> changed = new AtomicReference<>();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				changed.set(region.readIfChanged());
				return changed.get() != null;
			});
			assertThat(new String(changed.get(), StandardCharsets.UTF_16LE)).isEqualTo("Hello from Win32");
		}
	}

	@Test
	void nativeSeqlockReaderSeesWhatJavaWrote() throws Exception {
		String name = local("seqlock");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.SEQLOCK)
			.size(64)
			.build())) {
			region.write("from java".getBytes(StandardCharsets.UTF_8));
			assertThat(WindowsPeers.start("shm_peer", "seqlock-read", name, 64, "from java").finish())
				.containsExactly("read: from java");
		}
	}

	@Test
	void missingMappingWithoutCreateFailsNamingIt() {
		String name = local("missing");
		assertThatExceptionOfType(IpcException.class)
			.isThrownBy(() -> this.memory.open(SharedRegionOptions.builder(name).size(64).create(false).build()))
			.withMessage("OpenFileMapping(" + name + ") failed: ERROR_FILE_NOT_FOUND (2) no such file mapping, and create "
					+ "is false");
	}

	@Test
	void mappingOfAnotherOwnerIsRefusedByDefault() throws Exception {
		String name = local("squatted");
		// Created with an owner that is not the current user, as a squatter's would be.
		try (SharedRegion squatter = this.memory.open(
				SharedRegionOptions.builder(name).size(64).access("O:SYD:(A;;GA;;;WD)").build())) {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> this.memory.open(SharedRegionOptions.builder(name).size(64).build()))
				.withMessageStartingWith("OpenFileMapping(" + name + ") failed: the file mapping is owned by S-1-5-18, "
						+ "not by the current user");
			try (SharedRegion widened = this.memory.open(
					SharedRegionOptions.builder(name).size(64).access("D:(A;;GA;;;WD)").build())) {
				assertThat(widened.created()).isFalse();
			}
		}
	}

	@Test
	void mappingANativePeerCreatedWithoutSecurityAttributesIsOpenedOnlyWithWiderAccess() throws Exception {
		String name = local("nullsa");
		try (PeerProcess reader = WindowsPeers.start("shm_peer", "--default-security", "ring-read", name, 1024, 1)) {
			reader.awaitLine("ready");
			SharedMemoryOptions.Builder options = SharedMemoryOptions.builder(name).capacity(1024).create(false);
			if (underWine()) {
				// Wine deviation: the mapping has no owner, where Windows makes the creator's user its owner.
				assertThatExceptionOfType(IpcException.class)
					.isThrownBy(() -> SharedMemoryRing.open(this.memory, options.build()))
					.withMessage("OpenFileMapping(" + name + ") failed: the file mapping has no owner (Wine gives none to "
							+ "an object created without security attributes); refusing to use it");
				options.access("D:(A;;GA;;;WD)");
			}
			try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory, options.build())) {
				byte[] record = RingRecords.text("to a classic peer");
				ring.write(record, 0, record.length);
				assertThat(reader.finish()).containsExactly("ready", "to a classic peer", "done");
			}
		}
	}

	@Test
	void ringOfAnotherCapacityIsRefusedNamingBothCapacities() throws Exception {
		String name = local("capacity");
		try (SharedMemoryRing ring = SharedMemoryRing.open(this.memory,
				SharedMemoryOptions.builder(name).capacity(1024).build())) {
			assertThatExceptionOfType(SharedMemoryLayoutException.class)
				.isThrownBy(() -> SharedMemoryRing.open(this.memory, SharedMemoryOptions.builder(name).capacity(4096).build()))
				.withMessageContaining("the ring holds a capacity of 1024 bytes, not the 4096 configured");
		}
	}

	private static String local(String purpose) {
		return "Local\\" + SegmentNames.unique(purpose);
	}

}
