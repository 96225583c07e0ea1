package dev.winipc.sample;

import dev.winipc.transport.EndpointName;

/**
 * Names of the app's endpoints that no other test run uses. The lock file a run's leader
 * election leaves on POSIX ({@code $TMPDIR/winipc-mutex-NAME-ticks-reader}, never removed
 * by the app, as a lock file must not be) is removed when the run ends.
 */
final class TestNames {

	private TestNames() {
	}

	/**
	 * Return a fresh base name for a test's pipe, segments and lock prefix.
	 * @param test the test class
	 * @return e.g. {@code HelloWorld-DemoRunnerTests-1234}
	 */
	static String unique(Class<?> test) {
		String name = "HelloWorld-" + test.getSimpleName() + "-" + System.nanoTime();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> EndpointName
			.of(EndpointName.Kind.MUTEX, name + "-ticks-reader").posixPath().toFile().delete()));
		return name;
	}

}
