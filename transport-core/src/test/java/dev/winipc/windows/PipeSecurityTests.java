package dev.winipc.windows;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDDL a server gives its pipe by default.
 */
class PipeSecurityTests {

	@Test
	void currentUserSddlOwnsThePipeByTheUserAndGrantsTheUserAlone() {
		String sid = "S-1-5-21-1004336348-1177238915-682003330-1001";

		assertThat(PipeSecurity.currentUserSddl(sid))
			.isEqualTo("O:S-1-5-21-1004336348-1177238915-682003330-1001"
					+ "D:P(A;;GA;;;S-1-5-21-1004336348-1177238915-682003330-1001)");
	}

}
