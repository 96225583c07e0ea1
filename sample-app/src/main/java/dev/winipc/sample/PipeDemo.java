package dev.winipc.sample;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.winipc.integration.pipe.PipeConnectionFactory;

/**
 * The named-pipe part of the demo: runs {@code native/hello_client.c} against the
 * {@code HelloWorld} pipe the app serves, once per request, printing each exchange.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
@Order(1)
public class PipeDemo implements DemoStep {

	private final PipeConnectionFactory hello;

	private final List<String> requests;

	/**
	 * Create the step.
	 * @param hello the served pipe, {@code winipc.pipes.hello}
	 * @param requests the requests, one client run each
	 */
	public PipeDemo(@Qualifier("hello.pipeConnectionFactory") PipeConnectionFactory hello,
			@Value("${sample.demo.requests:Hello from C,Hello again from C}") List<String> requests) {
		this.hello = hello;
		this.requests = requests;
	}

	/**
	 * Return how many exchanges the step makes.
	 * @return one per request
	 */
	public int exchanges() {
		return this.requests.size();
	}

	@Override
	public int run(NativePrograms natives) {
		System.out.println("named pipe: serving " + this.hello.describe());
		NativeProgram client = natives.get("hello_client");
		for (String request : this.requests) {
			System.out.println();
			System.out.println("$ " + client.getExecutable().getFileName() + " \"" + request + "\"");
			NativeProgram.Result result = client.run(Map.of("HELLO_PIPE", this.hello.getName()), request);
			result.output().forEach((line) -> System.out.println("  " + line));
			if (result.exitCode() != 0) {
				System.out.println("hello_client failed with exit code " + result.exitCode());
				return result.exitCode();
			}
		}
		System.out.println();
		System.out.println("named pipe: " + this.requests.size() + " exchanges over " + this.hello.describe());
		return 0;
	}

}
