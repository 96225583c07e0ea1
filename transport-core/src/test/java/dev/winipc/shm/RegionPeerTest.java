package dev.winipc.shm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import dev.winipc.testing.NativePeers;
import dev.winipc.testing.PeerProcess;
import dev.winipc.testing.PythonPeers;
import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcException;
import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.SharedMemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plain and seqlock regions against Python's {@code SharedMemory} and C peers over
 * POSIX shared memory.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX shm_open peers; WindowsSharedMemoryTest runs the Win32 peers")
class RegionPeerTest {

	private final SharedMemory memory = IpcPlatform.current().sharedMemory();

	@Test
	void pythonSharedMemoryReadsAndWritesAUtf16Region() throws Exception {
		String name = SegmentNames.unique("python");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, utf16(name).build())) {
			region.write("Hello from Java".getBytes(StandardCharsets.UTF_16LE));
			assertThat(PythonPeers.start("shm_region", "read", name, "Hello from Java").finish())
				.containsExactly("read: Hello from Java");
			assertThat(PythonPeers.start("shm_region", "write", name, "Hello from Python").finish())
				.containsExactly("written");
			assertThat(text(awaitChange(region))).isEqualTo("Hello from Python");
			// Python ≤ 3.12's resource tracker would have removed it had the peer not opted out.
			assertThat(SegmentNames.posixPath(name)).exists();
			assertThat(region.isStillNamed()).isTrue();
		}
	}

	@Test
	void pythonPeerThatMerelyAttachedRemovesTheSegmentWhenItExitsAndTheRegionTellsSo() throws Exception {
		String name = SegmentNames.unique("tracked");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, utf16(name).build())) {
			assertThat(region.isStillNamed()).isTrue();
			assertThat(PythonPeers.start("shm_region", "tracked", name).finish()).containsExactly("attached");
			assertThat(SegmentNames.posixPath(name)).doesNotExist();
			assertThat(region.isStillNamed()).isFalse();
		}
	}

	@Test
	void nativeWideCharPeerReadsAndWritesTheRegion() throws Exception {
		String name = SegmentNames.unique("wide");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, utf16(name).build())) {
			assertThat(region.readIfChanged()).isNull();
			region.write("Grüße aus Java".getBytes(StandardCharsets.UTF_16LE));
			assertThat(NativePeers.start("shm_peer", "region-read", name, 256, "utf-16le", "Grüße aus Java").finish())
				.containsExactly("read: Grüße aus Java");
			assertThat(NativePeers.start("shm_peer", "region-write", name, 256, "utf-16le", "Hello from C").finish())
				.containsExactly("written");
			assertThat(text(awaitChange(region))).isEqualTo("Hello from C");
			assertThat(region.readIfChanged()).isNull();
		}
	}

	@Test
	void regionContentWrittenBeforeTheReaderStartedIsReadFirst() throws Exception {
		String name = SegmentNames.unique("before");
		assertThat(NativePeers.start("shm_peer", "region-write", name, 256, "utf-8", "already there").finish())
			.containsExactly("written");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.REGION)
			.size(256)
			.encoding(RegionEncoding.UTF_8)
			.create(false)
			.removeOnClose(true)
			.build())) {
			assertThat(region.created()).isFalse();
			assertThat(new String(region.readIfChanged(), StandardCharsets.UTF_8)).isEqualTo("already there");
		}
	}

	@Test
	void contentLargerThanTheRegionIsRefused() throws Exception {
		String name = SegmentNames.unique("toolarge");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, utf16(name).size(8).build())) {
			assertThatExceptionOfType(IpcException.class)
				.isThrownBy(() -> region.write("four".getBytes(StandardCharsets.UTF_16LE)))
				.withMessage("write(/" + name + ") failed: a content of 8 bytes and its terminator does not fit the "
						+ "region's 8 bytes; it was not written");
		}
	}

	@Test
	void seqlockReaderNeverSeesATornWriteOfANativeWriter() throws Exception {
		String name = SegmentNames.unique("seqlock");
		int size = 4096;
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.SEQLOCK)
			.size(size)
			.removeOnClose(true)
			.build())) {
			List<String> torn = new ArrayList<>();
			int[] seen = { 0 };
			try (PeerProcess writer = NativePeers.start("shm_peer", "seqlock-write", name, size, 20_000)) {
				Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO).until(() -> {
					byte[] content = region.readIfChanged();
					if (content != null) {
						seen[0]++;
						if (content.length != size || !uniform(content)) {
							torn.add("a content of " + content.length + " bytes, not all '" + (char) content[0] + "'");
						}
					}
					return !writer.isAlive();
				});
				assertThat(writer.finish()).containsExactly("ready", "done");
			}
			assertThat(torn).isEmpty();
			assertThat(seen[0]).isPositive();
		}
	}

	@Test
	void nativeSeqlockReaderSeesWhatJavaWrote() throws Exception {
		String name = SegmentNames.unique("seqlock-java");
		try (SharedMemoryRegion region = SharedMemoryRegion.open(this.memory, SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.SEQLOCK)
			.size(64)
			.encoding(RegionEncoding.UTF_8)
			.removeOnClose(true)
			.build())) {
			region.write("first".getBytes(StandardCharsets.UTF_8));
			region.write("from java".getBytes(StandardCharsets.UTF_8));
			assertThat(NativePeers.start("shm_peer", "seqlock-read", name, 64, "from java").finish())
				.containsExactly("read: from java");
		}
	}

	private static boolean uniform(byte[] content) {
		for (byte b : content) {
			if (b != content[0]) {
				return false;
			}
		}
		return true;
	}

	private static SharedMemoryOptions.Builder utf16(String name) {
		return SharedMemoryOptions.builder(name)
			.layout(SharedMemoryLayout.REGION)
			.size(256)
			.encoding(RegionEncoding.UTF_16LE)
			.removeOnClose(true);
	}

	private static byte[] awaitChange(SharedMemoryRegion region) {
		AtomicReference<byte[]> changed = new AtomicReference<>();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
			changed.set(region.readIfChanged());
			return changed.get() != null;
		});
		return changed.get();
	}

	private static String text(byte[] utf16) {
		return new String(utf16, StandardCharsets.UTF_16LE);
	}

}
