package dev.winipc.posix;

import java.io.IOException;

import dev.winipc.transport.IpcPlatform;
import dev.winipc.transport.PipeClient;
import dev.winipc.transport.PipeOptions;
import dev.winipc.transport.PipeServer;

/**
 * The POSIX backend: a pipe is a Unix domain stream socket at
 * {@link dev.winipc.transport.EndpointName#posixPipePath()}.
 *
 * @since 0.1.0
 */
public final class PosixIpcPlatform implements IpcPlatform {

	/** This backend's name. */
	public static final String NAME = "posix";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public PipeServer createPipeServer(PipeOptions options) throws IOException {
		return PosixPipeServer.bind(options);
	}

	@Override
	public PipeClient createPipeClient(PipeOptions options) {
		return new PosixPipeClient(options);
	}

}
