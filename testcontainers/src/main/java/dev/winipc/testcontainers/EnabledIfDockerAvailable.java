package dev.winipc.testcontainers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where a {@link NativePeerContainer} can
 * share this machine's sockets and shared memory: on Linux, with a Docker engine
 * reachable that runs on this machine's own kernel (not in a virtual machine, as Docker
 * Desktop's does). Elsewhere the tests are reported skipped, with the reason: no engine
 * (and what Testcontainers said about it), another operating system, or another kernel.
 * <pre class="code">
 * &#64;EnabledIfDockerAvailable
 * class OrderClientContainerTests {
 *     ...
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerAvailableCondition.class)
public @interface EnabledIfDockerAvailable {

}
