package dev.winipc.sample;

/**
 * One part of the demo: it talks to the running app through a native program and prints
 * what happened. {@link DemoRunner} runs every step in {@code @Order}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DemoStep {

	/**
	 * Run the step.
	 * @param natives compiles the sample's native programs, {@code native/NAME.c}
	 * @return {@code 0} on success, otherwise the exit code the demo ends with
	 */
	int run(NativePrograms natives);

}
