package dev.winipc.sample;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo: once the app serves its endpoints, runs every {@link DemoStep} in order,
 * each driving a native program ({@code native/NAME.c}, compiled here) against the app
 * as a separate process. The app's exit code is then the first non-zero exit code of a
 * step, or 0.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
public class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	/** The profile that runs the demo. */
	public static final String PROFILE = "demo";

	private final List<DemoStep> steps;

	private final NativePrograms natives;

	private volatile int exitCode;

	/**
	 * Create the demo.
	 * @param steps the steps, in {@code @Order}
	 * @param nativeDirectory where the native programs' sources are
	 * @param outputDirectory where they are compiled to
	 */
	public DemoRunner(List<DemoStep> steps, @Value("${sample.demo.native-directory:native}") Path nativeDirectory,
			@Value("${sample.demo.output-directory:target}") Path outputDirectory) {
		this.steps = steps;
		this.natives = new NativePrograms(nativeDirectory, outputDirectory);
	}

	@Override
	public void run(ApplicationArguments args) {
		System.out.println("winipc HelloWorld demo");
		for (DemoStep step : this.steps) {
			System.out.println();
			int code = step.run(this.natives);
			if (code != 0) {
				this.exitCode = code;
				return;
			}
		}
		System.out.println();
		System.out.println("demo finished: " + this.steps.size() + ((this.steps.size() == 1) ? " part" : " parts")
				+ ", all succeeded");
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
