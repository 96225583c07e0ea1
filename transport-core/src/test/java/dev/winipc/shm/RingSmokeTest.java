package dev.winipc.shm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.winipc.testing.SegmentNames;
import dev.winipc.transport.IpcPlatform;

import static org.assertj.core.api.Assertions.assertThat;

class RingSmokeTest {

	@Test
	void writesAndReads() throws Exception {
		String name = SegmentNames.unique("smoke");
		SharedMemoryOptions options = SharedMemoryOptions.builder(name).capacity(1024).removeOnClose(true).build();
		try (SharedMemoryRing ring = SharedMemoryRing.open(IpcPlatform.current().sharedMemory(), options)) {
			List<String> seen = new ArrayList<>();
			for (int round = 0; round < 100; round++) {
				for (int i = 0; i < 7; i++) {
					byte[] bytes = ("r" + round + "-" + i).getBytes(StandardCharsets.UTF_8);
					ring.write(bytes, 0, bytes.length);
				}
				while (ring.read((buffer, offset, length) -> {
					byte[] copy = new byte[length];
					buffer.get(offset, copy, 0, length);
					seen.add(new String(copy, StandardCharsets.UTF_8));
				}, 100) > 0) {
				}
			}
			assertThat(seen).hasSize(700).startsWith("r0-0", "r0-1").endsWith("r99-6");
		}
	}

}
