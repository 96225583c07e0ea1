package dev.winipc.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reader stopped and started again under writers that keep writing and retry each
 * message until a write of it succeeds. The reader stops as the transport says a reader
 * should ({@link MailslotReader#stopReceiving()}, read what is queued, close); then the
 * writers meet no reader and retry; then a new reader takes the name.
 * <p>
 * What it checks: each writer's messages arrive in its order, none twice, all of them in
 * the end; and no message a writer was told was sent is lost — except, where the OS
 * cannot refuse writers while a reader stops (Windows), one told so between the stop and
 * the close, which the reader could not see. Writers keep at most {@value #IN_FLIGHT}
 * messages unread, so a reader that stops reads what is queued in bounded time.
 */
final class RestartScenario {

	private static final int WRITERS = 4;

	private static final int MESSAGES = 1_500;

	private static final int IN_FLIGHT = 64;

	private static final Duration RETRY_PAUSE = Duration.ofMillis(1);

	private final MailslotContract contract;

	private final MailslotOptions options;

	private final boolean refusesWritersWhileStopping;

	private final String nameInUseError;

	private final Semaphore room = new Semaphore(IN_FLIGHT);

	private final List<Acknowledged> acknowledged = new ArrayList<>();

	private final List<List<Integer>> received = new ArrayList<>();

	RestartScenario(MailslotContract contract, MailslotOptions options, boolean refusesWritersWhileStopping,
			String nameInUseError) {
		this.contract = contract;
		this.options = options;
		this.refusesWritersWhileStopping = refusesWritersWhileStopping;
		this.nameInUseError = nameInUseError;
	}

	void run() throws Exception {
		MailslotReader first = this.contract.reader(this.options);
		List<CompletableFuture<Void>> writers = startWriters();

		while (total() < 300) {
			record(first.read(), true);
		}
		long stopped = System.nanoTime();
		first.stopReceiving();
		int drained = 0;
		for (MailslotMessage message = first.read(); message != null; message = first.read()) {
			record(message, false);
			drained++;
		}
		first.close();
		long closed = System.nanoTime();
		this.room.release(drained);

		int failuresBefore = failures();
		await().atMost(MailslotContract.WITHIN).until(() -> failures() > failuresBefore);
		MailslotReader second = restartedReader();
		while (true) {
			// Writes complete at once: once every writer is done, all it wrote is queued.
			boolean done = allDone(writers);
			MailslotMessage message = second.read();
			if (message == null && done) {
				break;
			}
			record(message, true);
		}

		for (CompletableFuture<Void> writer : writers) {
			assertThat(writer).succeedsWithin(MailslotContract.WITHIN);
		}
		assertThat(failures()).as("writes that met no reader, or one stopping, and were retried").isPositive();
		for (int w = 0; w < WRITERS; w++) {
			List<Integer> got = this.received.get(w);
			assertThat(got).as("writer %d's messages, in order, none twice", w).isSorted().doesNotHaveDuplicates();
			assertThat(got).as("writer %d's last message", w).contains(MESSAGES - 1);
			Map<Integer, Long> told = this.acknowledged.get(w).at;
			assertThat(told).as("writer %d's messages written", w).hasSize(MESSAGES);
			List<Integer> lost = told.keySet().stream().filter((sequence) -> !got.contains(sequence)).sorted().toList();
			if (this.refusesWritersWhileStopping) {
				assertThat(lost).as("writer %d's messages it was told were sent, but never arrived", w).isEmpty();
			}
			else {
				assertThat(lost).as("writer %d's lost messages, all written between stop and close", w)
					.allSatisfy((sequence) -> assertThat(told.get(sequence)).isBetween(stopped, closed));
			}
		}
	}

	private List<CompletableFuture<Void>> startWriters() throws Exception {
		List<CompletableFuture<Void>> writers = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			MailslotWriter writer = this.contract.writer(this.options);
			Acknowledged told = new Acknowledged();
			this.acknowledged.add(told);
			this.received.add(new CopyOnWriteArrayList<>());
			String prefix = w + ":";
			writers.add(CompletableFuture.runAsync(() -> {
				try {
					for (int sequence = 0; sequence < MESSAGES; sequence++) {
						this.room.acquire();
						byte[] message = (prefix + sequence).getBytes(StandardCharsets.UTF_8);
						while (true) {
							try {
								writer.write(message, 0, message.length);
								told.at.put(sequence, System.nanoTime());
								break;
							}
							catch (IpcException ex) {
								told.failures.incrementAndGet();
								BackOffPolicy.sleep(ExponentialBackOff.saturatedNanos(RETRY_PAUSE));
							}
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, MailslotChecks.daemon()));
		}
		return writers;
	}

	/** A new reader of the name; a writer's handle may hold a closed slot's name a moment. */
	private MailslotReader restartedReader() {
		AtomicReference<MailslotReader> reader = new AtomicReference<>();
		await().atMost(MailslotContract.WITHIN).until(() -> {
			try {
				reader.set(this.contract.reader(this.options));
				return true;
			}
			catch (IpcException ex) {
				if (!this.nameInUseError.equals(ex.getErrorName())) {
					throw ex;
				}
				return false;
			}
		});
		return reader.get();
	}

	private void record(@Nullable MailslotMessage message, boolean makeRoom) {
		if (message == null) {
			return;
		}
		String text = new String(message.payload(), StandardCharsets.UTF_8);
		int colon = text.indexOf(':');
		this.received.get(Integer.parseInt(text.substring(0, colon))).add(Integer.parseInt(text.substring(colon + 1)));
		if (makeRoom) {
			this.room.release();
		}
	}

	private int total() {
		return this.received.stream().mapToInt(List::size).sum();
	}

	private int failures() {
		return this.acknowledged.stream().mapToInt((told) -> told.failures.get()).sum();
	}

	private static boolean allDone(List<CompletableFuture<Void>> writers) {
		return writers.stream().allMatch(CompletableFuture::isDone);
	}

	/** What one writer was told: when each message was sent, and how many writes failed. */
	private static final class Acknowledged {

		final Map<Integer, Long> at = new ConcurrentHashMap<>();

		final AtomicInteger failures = new AtomicInteger();

	}

}
