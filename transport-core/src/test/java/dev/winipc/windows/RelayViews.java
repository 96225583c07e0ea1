package dev.winipc.windows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The file-mapping views of the Wine relay, mapped into this JVM too. A view lives in
 * the relay's address space; Wine backs a page-file mapping with a (deleted) file mapped
 * shared, so the relay's {@code /proc/PID/maps} names the range and
 * {@code /proc/PID/map_files/START-END} opens that very file (this needs root, as the
 * test machines run). Mapping it here with {@code MAP_SHARED} at the range's file offset
 * gives the same pages: each side sees the other's writes at once, as two Windows
 * processes mapping one section do.
 */
final class RelayViews {

	private static final int O_RDWR = 2;

	private static final int PROT_READ_WRITE = 3;

	private static final int MAP_SHARED = 1;

	private static final long PAGE = 4096;

	private final ProcessHandle relay;

	private final Map<Long, View> views = new ConcurrentHashMap<>();

	private @Nullable Mmap libc;

	RelayViews(ProcessHandle relay) {
		this.relay = relay;
	}

	/**
	 * Map a relay view into this JVM.
	 * @param relayAddress the view's address in the relay
	 * @param size its length
	 * @return the same memory in this JVM
	 */
	Pointer map(long relayAddress, long size) {
		Range range = find(relayAddress);
		if (relayAddress + size > range.end()) {
			throw new IllegalStateException("The relay's view at 0x" + Long.toHexString(relayAddress) + " of " + size
					+ " bytes runs past its mapping " + range);
		}
		long length = (size + PAGE - 1) / PAGE * PAGE;
		Mmap libc = libc();
		int fd = libc.open(range.mapFile().toString(), O_RDWR);
		if (fd < 0) {
			throw new IllegalStateException("open(" + range.mapFile() + ") failed with errno " + Native.getLastError()
					+ "; mapping the relay's views needs root");
		}
		try {
			Pointer local = libc.mmap(null, length, PROT_READ_WRITE, MAP_SHARED, fd,
					range.fileOffset() + (relayAddress - range.start()));
			if (local == null || Pointer.nativeValue(local) == -1) {
				throw new IllegalStateException("mmap(" + range.mapFile() + ") failed with errno " + Native.getLastError());
			}
			this.views.put(Pointer.nativeValue(local), new View(relayAddress, length));
			return local;
		}
		finally {
			libc.close(fd);
		}
	}

	/**
	 * Unmap a view from this JVM.
	 * @param local the pointer {@link #map} returned
	 * @return the view's address in the relay, to unmap there
	 */
	long unmap(Pointer local) {
		View view = this.views.remove(Pointer.nativeValue(local));
		if (view == null) {
			throw new IllegalStateException("No relay view is mapped at " + local);
		}
		libc().munmap(local, view.length());
		return view.relayAddress();
	}

	/** The range of the relay's (or its child's) address space that holds an address. */
	private Range find(long address) {
		List<ProcessHandle> candidates = new ArrayList<>();
		candidates.add(this.relay);
		this.relay.descendants().forEach(candidates::add);
		for (ProcessHandle process : candidates) {
			Path maps = Path.of("/proc", Long.toString(process.pid()), "maps");
			List<String> lines;
			try {
				lines = Files.readAllLines(maps);
			}
			catch (IOException ex) {
				continue;
			}
			for (String line : lines) {
				String[] fields = line.split("\\s+", 6);
				String[] bounds = fields[0].split("-");
				long start = Long.parseUnsignedLong(bounds[0], 16);
				long end = Long.parseUnsignedLong(bounds[1], 16);
				if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
					if (fields.length < 6 || !fields[1].contains("s")) {
						throw new IllegalStateException("The relay's view at 0x" + Long.toHexString(address)
								+ " is not a shared file mapping: " + line);
					}
					// map_files names the range without the zero padding maps has
					Path mapFile = Path.of("/proc", Long.toString(process.pid()), "map_files",
							Long.toHexString(start) + "-" + Long.toHexString(end));
					return new Range(start, end, Long.parseUnsignedLong(fields[2], 16), mapFile);
				}
			}
		}
		throw new UncheckedIOException(new IOException("No mapping of the relay (pid " + this.relay.pid()
				+ ") holds its view at 0x" + Long.toHexString(address)));
	}

	private synchronized Mmap libc() {
		if (this.libc == null) {
			this.libc = Native.load("c", Mmap.class);
		}
		return this.libc;
	}

	private record View(long relayAddress, long length) {
	}

	private record Range(long start, long end, long fileOffset, Path mapFile) {
	}

	/** The C library calls that map the relay's pages here. */
	interface Mmap extends Library {

		int open(String path, int flags);

		@Nullable Pointer mmap(@Nullable Pointer addr, long length, int prot, int flags, int fd, long offset);

		int munmap(Pointer addr, long length);

		int close(int fd);

	}

}
