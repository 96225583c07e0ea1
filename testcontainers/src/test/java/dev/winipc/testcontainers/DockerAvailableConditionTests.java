package dev.winipc.testcontainers;

import com.github.dockerjava.api.model.Info;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where containers cannot share this machine's endpoints, their tests are skipped and
 * say why; these run everywhere, with or without an engine.
 */
class DockerAvailableConditionTests {

	private static final String KERNEL = "6.1.0-28-amd64";

	@Test
	void noEngineDisablesWithWhatTestcontainersSaid() {
		ConditionEvaluationResult result = DockerAvailableCondition.evaluate("Linux", KERNEL, () -> {
			throw new IllegalStateException("Could not find a valid Docker environment");
		});
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValue("No Docker engine is reachable (Could not find a valid Docker "
				+ "environment); install and start one (bash .ci/run does on Debian and Ubuntu)");
	}

	@Test
	void engineOnAnotherKernelDisablesNamingBoth() {
		ConditionEvaluationResult result = DockerAvailableCondition.evaluate("Linux", KERNEL,
				() -> new Info().withName("docker-desktop").withKernelVersion("6.10.14-linuxkit"));
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValue("The Docker engine docker-desktop runs on the kernel 6.10.14-linuxkit, "
				+ "not on this machine's " + KERNEL + ": its containers cannot share this machine's sockets and shared "
				+ "memory");
	}

	@Test
	void anotherSystemDisablesWithoutAskingForAnEngine() {
		ConditionEvaluationResult result = DockerAvailableCondition.evaluate("Windows 11", "10.0", () -> {
			throw new AssertionError("no engine is asked for");
		});
		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason().orElseThrow()).endsWith("must run on this machine's Linux kernel; this is Windows 11");
	}

	@Test
	void engineOnThisKernelEnables() {
		ConditionEvaluationResult result = DockerAvailableCondition.evaluate("Linux", KERNEL,
				() -> new Info().withServerVersion("20.10.24").withKernelVersion(KERNEL));
		assertThat(result.isDisabled()).isFalse();
		assertThat(result.getReason()).hasValue("Docker engine 20.10.24 on this machine's kernel " + KERNEL);
	}

}
