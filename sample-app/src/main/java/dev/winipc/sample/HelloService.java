package dev.winipc.sample;

import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.stereotype.Component;

/**
 * Answers each request arriving on the {@code HelloWorld} pipe. The channel
 * {@code hello-requests} is only named in {@code application.yml}: winipc creates it.
 *
 * @since 0.1.0
 */
@Component
public class HelloService {

	private final long pid = ProcessHandle.current().pid();

	/**
	 * Answer one request.
	 * @param request the text the client sent
	 * @return the reply written back on the client's connection
	 */
	@ServiceActivator(inputChannel = "hello-requests")
	public String hello(String request) {
		return "Hello, " + request + "! (from winipc, pid " + this.pid + ")";
	}

}
