package dev.winipc.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports every invalid winipc property of a start-up at once, each with where it was
 * set and the values it accepts.
 *
 * @since 0.1.0
 */
class WinIpcConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<WinIpcConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WinIpcConfigurationException cause) {
		StringBuilder description = new StringBuilder("winipc found ").append(cause.getInvalidProperties().size())
			.append((cause.getInvalidProperties().size() == 1) ? " invalid property:" : " invalid properties:")
			.append(System.lineSeparator());
		for (InvalidProperty property : cause.getInvalidProperties()) {
			description.append(System.lineSeparator()).append("    ").append(property.describe())
				.append(System.lineSeparator());
		}
		return new FailureAnalysis(description.toString(),
				"Correct the properties above; each line says what it accepts. docs/pipes.md lists every winipc "
						+ "property.",
				cause);
	}

}
