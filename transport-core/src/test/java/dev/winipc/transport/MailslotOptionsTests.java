package dev.winipc.transport;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MailslotOptionsTests {

	@Test
	void defaultsAreOneSlotOfTheCurrentUserWaitingForMessages() {
		MailslotOptions options = MailslotOptions.of("\\\\.\\mailslot\\HelloWorld");

		assertThat(options.name()).isEqualTo(EndpointName.mailslot("HelloWorld"));
		assertThat(options.name().windowsName()).isEqualTo("\\\\.\\mailslot\\HelloWorld");
		assertThat(options.maxMessageSize()).isEqualTo(64 * 1024);
		assertThat(options.readTimeout()).isNull();
		assertThat(options.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.access()).isEqualTo(PipeOptions.CURRENT_USER);
		assertThat(options.isCurrentUserOnly()).isTrue();
	}

	@Test
	void toBuilderKeepsEverySetting() {
		MailslotOptions options = MailslotOptions.builder("slot")
			.maxMessageSize(424)
			.readTimeout(Duration.ZERO)
			.sendTimeout(Duration.ofMillis(1))
			.access("0660")
			.build();

		MailslotOptions copy = options.toBuilder().build();

		assertThat(copy.maxMessageSize()).isEqualTo(424);
		assertThat(copy.readTimeout()).isEqualTo(Duration.ZERO);
		assertThat(copy.sendTimeout()).isEqualTo(Duration.ofMillis(1));
		assertThat(copy.access()).isEqualTo("0660");
		assertThat(copy.isCurrentUserOnly()).isFalse();
		assertThat(copy).hasToString(options.toString());
	}

	@Test
	void everySettingIsCheckedAsItIsSet() {
		MailslotOptions.Builder builder = MailslotOptions.builder("slot");

		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> builder.maxMessageSize(0))
			.withMessage("maxMessageSize must be 1 to 2147483646, was 0");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> builder.maxMessageSize(Integer.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.getOption()).isEqualTo("maxMessageSize"));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> builder.readTimeout(Duration.ofMillis(-1)))
			.withMessage("readTimeout must be 0 to 2147483647ms (about 24 days), or unset to wait until a message "
					+ "arrives, was PT-0.001S");
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> builder.readTimeout(Duration.ofDays(30)))
			.satisfies((ex) -> assertThat(ex.getOption()).isEqualTo("readTimeout"));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> builder.sendTimeout(Duration.ofSeconds(-1)))
			.withMessage("sendTimeout must not be negative, was PT-1S");
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> builder.access("everyone"))
			.withMessage("access must be one of " + PipeOptions.ACCESS_VALUES + ", was everyone");
		assertThat(builder.readTimeout(null).build().readTimeout()).isNull();
		assertThat(builder.access(" ").build().access()).isEqualTo(PipeOptions.CURRENT_USER);
	}

}
