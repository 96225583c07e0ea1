package dev.winipc.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.winipc.testing.PipeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every backend's mailslots promise, reader and writers in this JVM, each test on a
 * name of its own. It runs on POSIX ({@code PosixMailslotContractTests}), against Wine's
 * Win32 through the relay ({@code WineWindowsMailslotContractTests}) and against the real
 * Win32 ({@code JnaWindowsMailslotContractTests}); where a backend may differ, a hook
 * says what it does.
 */
@Timeout(180)
public abstract class MailslotContract {

	protected static final Duration WITHIN = Duration.ofSeconds(60);

	private IpcPlatform platform;

	private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

	/**
	 * Create the backend under test.
	 * @return the platform
	 */
	protected abstract IpcPlatform createPlatform();

	/**
	 * Return the names of the calls a reader waiting for a message is blocked in.
	 * @return e.g. {@code poll}
	 */
	protected abstract Set<String> blockingCalls();

	/** @return the error a write fails with when no reader has the slot */
	protected abstract String noReaderError();

	/** @return the error a second reader of a name fails with */
	protected abstract String nameInUseError();

	/**
	 * Return what the OS reports as the count of messages waiting.
	 * @param waiting how many are waiting
	 * @return the count it reports, or empty where it reports none
	 */
	protected abstract OptionalInt reportedCount(int waiting);

	/** @return whether a writer waits (and may time out) while the reader's queue is full */
	protected abstract boolean queueFills();

	/** @return whether the OS refuses a write above the reader's maximum message size */
	protected abstract boolean osRefusesMessagesAboveTheReadersMaximum();

	/** @return whether writers are refused once the reader stopped receiving */
	protected abstract boolean refusesWritersWhileStopping();

	/** @return the platform under test */
	protected IpcPlatform platform() {
		return this.platform;
	}

	@BeforeEach
	void createPlatformUnderTest() {
		this.platform = createPlatform();
	}

	@AfterEach
	protected void closeEverything() throws Exception {
		List<AutoCloseable> newestFirst = new ArrayList<>(this.resources);
		Collections.reverse(newestFirst);
		for (AutoCloseable resource : newestFirst) {
			resource.close();
		}
		this.resources.clear();
	}

	@Test
	void messagesArriveWholeAndInOrderAnEmptyOneIncluded() throws Exception {
		MailslotOptions options = options("order").build();
		MailslotReader reader = reader(options);
		MailslotWriter writer = writer(options);

		writer.write(bytes("one"), 0, 3);
		writer.write(new byte[0], 0, 0);
		writer.write(bytes("xthreex"), 1, 5);

		assertThat(reader.read().payload()).isEqualTo(bytes("one"));
		assertThat(reader.read().payload()).isEmpty();
		assertThat(reader.read().payload()).isEqualTo(bytes("three"));
		assertThat(reader.path()).isEqualTo(platform().osName(options.name()));
		assertThat(writer.path()).isEqualTo(reader.path());
	}

	@Test
	void eightWritersOfTenThousandMessagesEachAreAllReceivedInEachWritersOrder() throws Exception {
		int writers = 8;
		int messages = 10_000;
		MailslotOptions options = options("flood").sendTimeout(WITHIN).build();
		MailslotReader reader = reader(options);
		List<CompletableFuture<Void>> sending = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			MailslotWriter writer = writer(options);
			String prefix = w + ":";
			sending.add(CompletableFuture.runAsync(() -> {
				for (int i = 0; i < messages; i++) {
					byte[] message = bytes(prefix + i);
					MailslotChecks.write(writer, message);
				}
			}, MailslotChecks.daemon()));
		}
		MailslotChecks.readInEachWritersOrder(reader, writers, messages);
		for (CompletableFuture<Void> writer : sending) {
			assertThat(writer).succeedsWithin(WITHIN);
		}
		assertThat(reader.nextMessageSize()).isEmpty();
	}

	@Test
	void writeWithNoReaderFailsAtOnceNamingTheSlotAndTheOsError() throws Exception {
		MailslotOptions options = options("noreader").build();
		MailslotWriter writer = writer(options);

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> writer.write(bytes("lost?"), 0, 5))
			.withMessageContaining(platform().osName(options.name()))
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo(noReaderError()));
	}

	@Test
	void writeAfterTheReaderClosedFailsNamingTheOsError() throws Exception {
		MailslotOptions options = options("gone").build();
		MailslotReader reader = reader(options);
		MailslotWriter writer = writer(options);
		writer.write(bytes("before"), 0, 6);
		assertThat(text(reader.read())).isEqualTo("before");

		reader.close();

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> writer.write(bytes("after"), 0, 5))
			.withMessageContaining(platform().osName(options.name()))
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo(noReaderError()));
	}

	@Test
	void writerRefusesAMessageAboveItsMaximumBeforeSendingIt() throws Exception {
		MailslotOptions options = options("writer-max").maxMessageSize(10).build();
		MailslotReader reader = reader(options);
		MailslotWriter writer = writer(options);

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> writer.write(new byte[11], 0, 11))
			.withMessageContaining(platform().osName(options.name()))
			.withMessageContaining("a message of 11 bytes exceeds the maximum message size of 10 bytes; it was not sent");

		assertThat(reader.nextMessageSize()).isEmpty();
		writer.write(bytes("ten bytes!"), 0, 10);
		assertThat(text(reader.read())).isEqualTo("ten bytes!");
	}

	@Test
	void readerRefusesAMessageAboveItsOwnMaximumAndReadsTheNextOne() throws Exception {
		MailslotOptions small = options("reader-max").maxMessageSize(100).build();
		MailslotReader reader = reader(small);
		MailslotWriter writer = writer(small.toBuilder().maxMessageSize(1000).build());

		if (osRefusesMessagesAboveTheReadersMaximum()) {
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> writer.write(new byte[200], 0, 200))
				.withMessageContaining(platform().osName(small.name()));
		}
		else {
			writer.write(new byte[200], 0, 200);
			assertThatExceptionOfType(IpcException.class).isThrownBy(reader::read)
				.withMessageContaining(platform().osName(small.name()))
				.withMessageContaining("exceeds the maximum message size of 100 bytes; it is discarded");
		}
		writer.write(bytes("next"), 0, 4);
		assertThat(text(reader.read())).isEqualTo("next");
	}

	@Test
	void secondReaderOfANameFailsNamingTheSlotAndTheFirstReadsOn() throws Exception {
		MailslotOptions options = options("twice").build();
		MailslotReader first = reader(options);

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> reader(options))
			.withMessageContaining(platform().osName(options.name()))
			.satisfies((ex) -> assertThat(ex.getErrorName()).isEqualTo(nameInUseError()));

		writer(options).write(bytes("still mine"), 0, 10);
		assertThat(text(first.read())).isEqualTo("still mine");
	}

	@Test
	void readTimeoutEndsAnEmptyReadWithNoMessageRatherThanAnError() throws Exception {
		MailslotOptions immediate = options("timeout").readTimeout(Duration.ZERO).build();
		MailslotReader reader = reader(immediate);

		assertThat(reader.read()).isNull();
		writer(immediate).write(bytes("now"), 0, 3);
		assertThat(text(reader.read())).isEqualTo("now");
		assertThat(reader.read()).isNull();

		MailslotOptions brief = options("timeout-brief").readTimeout(Duration.ofMillis(50)).build();
		assertThat(reader(brief).read()).isNull();
	}

	@Test
	void closeWakesAReadBlockedWaitingForAMessage() throws Exception {
		MailslotReader reader = reader(options("wake").build());
		MailslotChecks.Blocked<@Nullable MailslotMessage> read = blocked(reader::read);

		reader.close();

		assertThat(read.result()).failsWithin(WITHIN)
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(IpcException.class)
			.withMessageContaining(reader.path())
			.withMessageContaining("closed");
		reader.close();
		assertThatExceptionOfType(IpcException.class).isThrownBy(reader::read).withMessageContaining("closed");
	}

	@Test
	void stopReceivingWakesABlockedReadAndLeavesWhatIsQueuedToRead() throws Exception {
		MailslotOptions options = options("stop").build();
		MailslotReader reader = reader(options);
		MailslotWriter writer = writer(options);
		MailslotChecks.Blocked<@Nullable MailslotMessage> waiting = blocked(reader::read);

		reader.stopReceiving();

		assertThat(waiting.result()).succeedsWithin(WITHIN).isNull();

		MailslotOptions queued = options("stop-queued").build();
		MailslotReader drained = reader(queued);
		MailslotWriter sender = writer(queued);
		sender.write(bytes("a"), 0, 1);
		sender.write(new byte[0], 0, 0);
		sender.write(bytes("c"), 0, 1);

		drained.stopReceiving();

		if (refusesWritersWhileStopping()) {
			assertThatExceptionOfType(IpcException.class).isThrownBy(() -> sender.write(bytes("late"), 0, 4))
				.withMessageContaining(drained.path())
				.withMessageContaining("stopping");
		}
		assertThat(text(drained.read())).isEqualTo("a");
		assertThat(drained.read().payload()).isEmpty();
		assertThat(text(drained.read())).isEqualTo("c");
		if (!refusesWritersWhileStopping()) {
			// Nothing refuses a write: what arrives before the queue is found empty is read.
			sender.write(bytes("late"), 0, 4);
			assertThat(text(drained.read())).isEqualTo("late");
		}
		assertThat(drained.read()).isNull();
		writer.close();
	}

	@Test
	void nextMessageSizeAndCountTellWhatIsWaitingWithoutTakingIt() throws Exception {
		MailslotOptions options = options("info").build();
		MailslotReader reader = reader(options);
		MailslotWriter writer = writer(options);
		assertThat(reader.nextMessageSize()).isEmpty();
		assertThat(reader.messageCount()).isEqualTo(reportedCount(0));

		writer.write(bytes("abc"), 0, 3);
		writer.write(bytes("defgh"), 0, 5);

		assertThat(reader.nextMessageSize()).hasValue(3);
		assertThat(reader.messageCount()).isEqualTo(reportedCount(2));
		assertThat(text(reader.read())).isEqualTo("abc");
		assertThat(reader.nextMessageSize()).hasValue(5);
		assertThat(text(reader.read())).isEqualTo("defgh");
		assertThat(reader.nextMessageSize()).isEmpty();
	}

	@Test
	void writerWaitsOutAFullQueueUpToItsSendTimeoutThenFailsNamingTheSlot() throws Exception {
		MailslotOptions options = options("full").sendTimeout(Duration.ofMillis(200)).build();
		MailslotReader reader = reader(options);
		MailslotWriter writer = writer(options);
		int limit = 5_000;
		int written = 0;
		IpcException failure = null;
		while (written < limit && failure == null) {
			try {
				writer.write(bytes("m" + written), 0, bytes("m" + written).length);
				written++;
			}
			catch (IpcException ex) {
				failure = ex;
			}
		}
		if (!queueFills()) {
			assertThat(failure).isNull();
			assertThat(text(reader.read())).isEqualTo("m0");
			return;
		}
		assertThat(failure).isNotNull().hasMessageContaining(reader.path()).hasMessageContaining("send timeout of PT0.2S");
		assertThat(written).isPositive().isLessThan(limit);
		// Nothing was lost: every message written is there, in order; then there is room again.
		for (int i = 0; i < written; i++) {
			assertThat(text(reader.read())).isEqualTo("m" + i);
		}
		writer.write(bytes("room"), 0, 4);
		assertThat(text(reader.read())).isEqualTo("room");
	}

	@Test
	void closedWriterRefusesToWrite() throws Exception {
		MailslotOptions options = options("closed-writer").build();
		reader(options);
		MailslotWriter writer = writer(options);
		writer.close();
		writer.close();

		assertThatExceptionOfType(IpcException.class).isThrownBy(() -> writer.write(bytes("x"), 0, 1))
			.withMessageContaining("closed");
	}

	@Test
	void readerRestartedWhileWritersRetryLosesNoMessageAWriterWasToldWasSent() throws Exception {
		new RestartScenario(this, options("restart").readTimeout(Duration.ofMillis(100)).build(),
				refusesWritersWhileStopping(), nameInUseError())
			.run();
	}

	protected MailslotOptions.Builder options(String purpose) {
		return MailslotOptions.builder(PipeNames.uniqueMailslot(purpose));
	}

	protected MailslotReader reader(MailslotOptions options) throws IOException {
		return track(this.platform.mailslots().createReader(options));
	}

	protected MailslotWriter writer(MailslotOptions options) throws IOException {
		return track(this.platform.mailslots().createWriter(options));
	}

	protected <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	/**
	 * Run a read on a thread of its own and wait until it is blocked in one of the
	 * {@link #blockingCalls()}.
	 * @see MailslotChecks#blocked
	 */
	protected <T> MailslotChecks.Blocked<T> blocked(MailslotChecks.IoSupplier<T> read) {
		return MailslotChecks.blocked(read, blockingCalls(), WITHIN);
	}

	protected static byte[] bytes(String text) {
		return MailslotChecks.bytes(text);
	}

	protected static String text(@Nullable MailslotMessage message) {
		return MailslotChecks.text(message);
	}

}
