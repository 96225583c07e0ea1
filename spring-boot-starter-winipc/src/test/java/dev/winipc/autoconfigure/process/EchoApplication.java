package dev.winipc.autoconfigure.process;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.integration.annotation.ServiceActivator;

/**
 * A plain Spring Boot application (no web server) whose only endpoint is a winipc pipe,
 * configured by its command line; run as a process of its own by
 * {@link ApplicationProcessTests}. A request {@code slow:MILLIS} is answered after that
 * long, once it has printed {@code handling slow:MILLIS}.
 */
@SpringBootApplication
public class EchoApplication {

	public static void main(String[] args) {
		SpringApplication.run(EchoApplication.class, args);
	}

	@ServiceActivator(inputChannel = "echo-requests")
	String echo(String request) throws InterruptedException {
		if (request.startsWith("slow:")) {
			System.out.println("handling " + request);
			Thread.sleep(Long.parseLong(request.substring(5)));
		}
		return "echo:" + request;
	}

}
