package dev.winipc.testcontainers;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import com.github.dockerjava.api.model.Info;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link EnabledIfDockerAvailable}, evaluated once per JVM.
 */
final class DockerAvailableCondition implements ExecutionCondition {

	private static volatile @Nullable ConditionEvaluationResult result;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		ConditionEvaluationResult known = result;
		if (known == null) {
			synchronized (DockerAvailableCondition.class) {
				known = result;
				if (known == null) {
					known = evaluate(System.getProperty("os.name", ""), System.getProperty("os.version", ""),
							() -> DockerClientFactory.instance().client().infoCmd().exec());
					result = known;
				}
			}
		}
		return known;
	}

	/**
	 * Decide whether containers can share this machine's endpoints.
	 * @param system this machine's operating system
	 * @param kernel this machine's kernel release
	 * @param engine asks the engine about itself; throws when there is none
	 * @return the decision, with its reason
	 */
	static ConditionEvaluationResult evaluate(String system, String kernel, Supplier<Info> engine) {
		if (!system.toLowerCase(Locale.ROOT).startsWith("linux")) {
			return ConditionEvaluationResult.disabled("A native peer in a container shares this machine's sockets and "
					+ "shared memory, so the Docker engine must run on this machine's Linux kernel; this is " + system);
		}
		Info info;
		try {
			info = engine.get();
		}
		catch (RuntimeException ex) {
			return ConditionEvaluationResult.disabled("No Docker engine is reachable (" + ex.getMessage()
					+ "); install and start one (bash .ci/run does on Debian and Ubuntu)");
		}
		if (!Objects.equals(info.getKernelVersion(), kernel)) {
			return ConditionEvaluationResult.disabled("The Docker engine " + info.getName() + " runs on the kernel "
					+ info.getKernelVersion() + ", not on this machine's " + kernel
					+ ": its containers cannot share this machine's sockets and shared memory");
		}
		return ConditionEvaluationResult.enabled("Docker engine " + info.getServerVersion() + " on this machine's kernel "
				+ kernel);
	}

}
