package dev.winipc.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SyncOptionsTests {

	@Test
	void eventSettingOnAnotherKindIsRefusedNamingTheSettingThatAsksForIt() {
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> SyncOptions.mutex("guard").initialState(true).build())
			.satisfies((ex) -> {
				assertThat(ex.getOption()).isEqualTo("initialState");
				assertThat(ex.getValue()).isEqualTo(true);
				assertThat(ex.getRequirement()).isEqualTo("applies to an event, not to a mutex");
			});
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> SyncOptions.semaphore("workers").manualReset(true).build())
			.satisfies((ex) -> {
				assertThat(ex.getOption()).isEqualTo("manualReset");
				assertThat(ex.getRequirement()).isEqualTo("applies to an event, not to a semaphore");
			});
	}

	@Test
	void settingTakenBackToItsDefaultIsNotRefused() {
		SyncOptions options = SyncOptions.mutex("guard").manualReset(true).manualReset(false).build();
		assertThat(options.manualReset()).isFalse();
		assertThat(SyncOptions.event("written").maximumCount(SyncOptions.DEFAULT_MAXIMUM_COUNT).build().maximumCount())
			.isEqualTo(SyncOptions.DEFAULT_MAXIMUM_COUNT);
	}

	@Test
	void semaphoreSettingOnAnotherKindIsRefused() {
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> SyncOptions.event("written").maximumCount(4).build())
			.satisfies((ex) -> {
				assertThat(ex.getOption()).isEqualTo("maximumCount");
				assertThat(ex.getRequirement()).isEqualTo("applies to a semaphore, not to an event");
			});
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> SyncOptions.mutex("guard").initialCount(0).build())
			.satisfies((ex) -> assertThat(ex.getOption()).isEqualTo("initialCount"));
	}

	@Test
	void semaphoreInitialCountAboveItsMaximumIsRefused() {
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> SyncOptions.semaphore("workers").maximumCount(2).initialCount(3).build())
			.satisfies((ex) -> assertThat(ex.getRequirement()).isEqualTo("must not exceed maximumCount (2)"));
		assertThat(SyncOptions.semaphore("workers").maximumCount(2).initialCount(2).build().initialCount())
			.isEqualTo(2);
	}

}
