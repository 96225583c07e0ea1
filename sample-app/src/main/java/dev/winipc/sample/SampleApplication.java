package dev.winipc.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;

/**
 * The HelloWorld sample, after the classic Win32 named-pipe sample: the app serves the
 * pipe {@code HelloWorld} (declared in {@code application.yml}) and {@link HelloService}
 * answers each request; {@code native/hello_client.c} is the client. With the
 * {@code demo} profile the app runs that client against itself ({@link DemoRunner}) and
 * exits with the client's status.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Start the app; with the {@code demo} profile, exit once the demo has run.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (context.getEnvironment().acceptsProfiles(Profiles.of(DemoRunner.PROFILE))) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
