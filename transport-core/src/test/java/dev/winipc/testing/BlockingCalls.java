package dev.winipc.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking calls run on threads of their own, and the proof that one waits inside the OS
 * call rather than merely started: its thread's stack, as a backend tells it. What a
 * close or an interrupt must end is started with {@link #blockedIn}.
 */
public final class BlockingCalls implements AutoCloseable {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Duration within;

	private final Predicate<StackTraceElement[]> blockedInTheOs;

	/**
	 * Create the calls' threads.
	 * @param within how long a call may take to be seen blocked
	 * @param blockedInTheOs whether a thread's stack shows it waiting in the OS
	 */
	public BlockingCalls(Duration within, Predicate<StackTraceElement[]> blockedInTheOs) {
		this.within = within;
		this.blockedInTheOs = blockedInTheOs;
	}

	/** @return the threads the calls run on, for calls of another shape */
	public ExecutorService executor() {
		return this.executor;
	}

	/**
	 * Run a blocking call on a thread of its own.
	 * @param <T> its result
	 * @param call the call
	 * @return its result, or its failure
	 */
	public <T> CompletableFuture<T> async(IoCall<T> call) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return call.call();
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		}, this.executor);
	}

	/**
	 * Start a blocking call on a thread of its own and return once that thread is seen
	 * blocked inside the OS call, not merely started.
	 * @param <T> its result
	 * @param call the call
	 * @return the call, blocked
	 */
	public <T> Blocked<T> blockedIn(IoCall<T> call) {
		AtomicReference<Thread> caller = new AtomicReference<>();
		CompletableFuture<T> result = async(() -> {
			caller.set(Thread.currentThread());
			return call.call();
		});
		await().atMost(this.within)
			.until(() -> result.isDone()
					|| (caller.get() != null && this.blockedInTheOs.test(caller.get().getStackTrace())));
		assertThat(result).as("the call ended instead of waiting").isNotDone();
		return new Blocked<>(caller.get(), result);
	}

	/**
	 * Return whether a stack has a frame of a method.
	 * @param stack the stack
	 * @param className the class, or a prefix of it
	 * @param methodName the method
	 * @return {@code true} if a frame is in that method
	 */
	public static boolean hasFrame(StackTraceElement[] stack, String className, String methodName) {
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().startsWith(className) && frame.getMethodName().equals(methodName)) {
				return true;
			}
		}
		return false;
	}

	/** Stop the threads, interrupting calls still running. */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * A call seen blocked in the OS.
	 * @param <T> its result
	 * @param thread the thread it runs on
	 * @param result its result, or its failure
	 */
	public record Blocked<T>(Thread thread, CompletableFuture<T> result) {
	}

	/**
	 * A blocking call.
	 * @param <T> its result
	 */
	@FunctionalInterface
	public interface IoCall<T> {

		/**
		 * Make the call.
		 * @return its result
		 * @throws IOException if it fails
		 */
		T call() throws IOException;

	}

}
