package dev.winipc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies a peer's source from the class path ({@code peers/FILE}) to
 * {@code target/peers/}, so any module whose tests have this test jar can build and run
 * the same peers.
 */
final class PeerResources {

	/** Headers the C peers include; each source is extracted with them beside it. */
	private static final List<String> HEADERS = List.of("peer_framing.h", "peer_ring.h", "peer_security.h");

	private PeerResources() {
	}

	/**
	 * Extract a C peer's source and the headers it may include.
	 * @param file the source, e.g. {@code pipe_peer.c}
	 * @return the extracted source
	 */
	static synchronized Path extractSource(String file) {
		HEADERS.forEach(PeerResources::extract);
		return extract(file);
	}

	static synchronized Path extract(String file) {
		Path target = Path.of("target", "peers", file).toAbsolutePath();
		try (InputStream source = PeerResources.class.getResourceAsStream("/peers/" + file)) {
			if (source == null) {
				throw new IllegalArgumentException("No test peer peers/" + file + " on the class path");
			}
			Files.createDirectories(target.getParent());
			Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
