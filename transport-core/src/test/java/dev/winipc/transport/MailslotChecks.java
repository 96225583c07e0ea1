package dev.winipc.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the mailslot tests of every backend check the same way.
 */
public final class MailslotChecks {

	private MailslotChecks() {
	}

	/**
	 * Read every message of a flood of writers, each writing {@code <writer>:<sequence>}
	 * for sequences 0 to {@code messages - 1}, checking that each writer's arrive in its
	 * order, none missing, none twice.
	 * @param reader the reader
	 * @param writers how many writers, numbered from 0
	 * @param messages how many messages each writes
	 * @throws IOException if a read fails
	 */
	public static void readInEachWritersOrder(MailslotReader reader, int writers, int messages) throws IOException {
		int[] next = new int[writers];
		for (int received = 0; received < writers * messages; received++) {
			String message = text(reader.read());
			int writer = Integer.parseInt(message.substring(0, message.indexOf(':')));
			int sequence = Integer.parseInt(message.substring(message.indexOf(':') + 1));
			assertThat(sequence).as("message %d, of writer %d", received, writer).isEqualTo(next[writer]);
			next[writer]++;
		}
		assertThat(next).containsOnly(messages);
	}

	/**
	 * Return a message's text.
	 * @param message a message, which must be there
	 * @return its payload in UTF-8
	 */
	public static String text(@Nullable MailslotMessage message) {
		assertThat(message).as("a message").isNotNull();
		return new String(message.payload(), StandardCharsets.UTF_8);
	}

	/**
	 * Return text's bytes.
	 * @param text the text
	 * @return its UTF-8 bytes
	 */
	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Run a read on a thread of its own and wait until that thread is blocked in one of
	 * the calls, with the read still under way: proof that what ends it ends a read that
	 * was waiting.
	 * @param <T> what the read returns
	 * @param read the read
	 * @param calls the names of the calls a waiting read is blocked in, e.g. {@code poll}
	 * @param within how long to wait for it to block
	 * @return the read under way
	 */
	public static <T> Blocked<T> blocked(IoSupplier<T> read, Set<String> calls, Duration within) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(read.get());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, "mailslot-read");
		thread.setDaemon(true);
		thread.start();
		await().atMost(within).untilAsserted(() -> {
			assertThat(result).isNotDone();
			assertThat(Arrays.stream(thread.getStackTrace()).map(StackTraceElement::getMethodName))
				.as("frames of the reading thread")
				.containsAnyElementsOf(calls);
		});
		assertThat(result).isNotDone();
		return new Blocked<>(thread, result);
	}

	/**
	 * Run tasks on daemon threads of their own.
	 * @return the executor
	 */
	public static Executor daemon() {
		return (task) -> {
			Thread thread = new Thread(task, "mailslot-writer");
			thread.setDaemon(true);
			thread.start();
		};
	}

	/**
	 * Write a message, failing the caller unchecked.
	 * @param writer the writer
	 * @param message the message
	 */
	public static void write(MailslotWriter writer, byte[] message) {
		try {
			writer.write(message, 0, message.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A read under way on a thread of its own.
	 * @param <T> what it returns
	 * @param thread the thread
	 * @param result what it returns or throws
	 */
	public record Blocked<T>(Thread thread, CompletableFuture<T> result) {
	}

	/**
	 * An I/O call whose result is wanted.
	 * @param <T> the result
	 */
	@FunctionalInterface
	public interface IoSupplier<T> {

		T get() throws IOException;

	}

}
