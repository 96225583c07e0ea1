package dev.winipc.transport;

import java.io.IOException;

/**
 * A platform's named shared memory: a page-file-backed file mapping {@code Local\NAME} or
 * {@code Global\NAME} on Windows, a {@code shm_open("/NAME")} segment on POSIX
 * ({@link EndpointName#sharedMemory}).
 * <pre class="code">
 * SharedMemory memory = IpcPlatform.current().sharedMemory();
 * try (SharedRegion region = memory.open(SharedRegionOptions.builder("Local\\HelloWorld").size(256).build())) {
 *     ByteBuffer bytes = region.buffer();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface SharedMemory {

	/**
	 * Create or open a named region and map all of it into this process. With
	 * {@link SharedRegionOptions#create()} an existing region is opened and a missing one
	 * created (zero-filled); without it a missing region is an error. An existing region
	 * must be at least {@link SharedRegionOptions#size()} bytes, and with the default
	 * access it must belong to the current user.
	 * @param options the region's settings
	 * @return the mapped region
	 * @throws IpcException naming the region and the OS error if the OS refuses, the
	 * region is missing, too small, or owned by another user
	 * @throws IOException on other I/O failures
	 */
	SharedRegion open(SharedRegionOptions options) throws IOException;

}
