package dev.winipc.sample;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.winipc.integration.pipe.PipeConnectionFactory;

/**
 * The demo: once the app serves its pipe, compiles {@code native/hello_client.c} and runs
 * it against the app a few times as a separate process, printing each exchange. The
 * app's exit code is then the first non-zero exit code of a client, or 0.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
public class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	/** The profile that runs the demo. */
	public static final String PROFILE = "demo";

	private final PipeConnectionFactory hello;

	private final Path clientSource;

	private final Path outputDirectory;

	private final List<String> requests;

	private volatile int exitCode;

	/**
	 * Create the demo.
	 * @param hello the served pipe, {@code winipc.pipes.hello}
	 * @param clientSource the client's C source
	 * @param outputDirectory where the client is compiled to
	 * @param requests the requests, one client run each
	 */
	public DemoRunner(@Qualifier("hello.pipeConnectionFactory") PipeConnectionFactory hello,
			@Value("${sample.demo.client-source:native/hello_client.c}") Path clientSource,
			@Value("${sample.demo.output-directory:target}") Path outputDirectory,
			@Value("${sample.demo.requests:Hello from C,Hello again from C}") List<String> requests) {
		this.hello = hello;
		this.clientSource = clientSource;
		this.outputDirectory = outputDirectory;
		this.requests = requests;
	}

	@Override
	public void run(ApplicationArguments args) {
		System.out.println("winipc HelloWorld demo: serving pipe " + this.hello.describe());
		NativeHelloClient client = NativeHelloClient.compile(this.clientSource, this.outputDirectory);
		System.out.println("compiled the native client: " + client.getCompileCommand());
		for (String request : this.requests) {
			System.out.println();
			System.out.println("$ " + client.getExecutable().getFileName() + " \"" + request + "\"");
			NativeHelloClient.Result result = client.exchange(this.hello.getName(), request);
			result.output().forEach((line) -> System.out.println("  " + line));
			if (result.exitCode() != 0) {
				System.out.println("hello_client failed with exit code " + result.exitCode());
				this.exitCode = result.exitCode();
				return;
			}
		}
		System.out.println();
		System.out.println("demo finished: " + this.requests.size() + " exchanges over " + this.hello.describe());
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
