package dev.winipc.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void metadataDescribesThePipes() throws Exception {
		String json = winIpcMetadata();
		List<Map<String, Object>> groups = JsonPath.read(json, "$.groups[?(@.name == 'winipc')]");
		assertThat(groups).singleElement()
			.satisfies((group) -> assertThat(group).containsEntry("sourceType", WinIpcProperties.class.getName()));
		List<Map<String, Object>> pipes = JsonPath.read(json, "$.properties[?(@.name == 'winipc.pipes')]");
		assertThat(pipes).singleElement().satisfies((pipe) -> {
			assertThat(pipe).containsEntry("type",
					"java.util.Map<java.lang.String," + PipeProperties.class.getName() + ">");
			assertThat(pipe.get("description")).asString().contains("Named-pipe endpoints");
		});
	}

	@Test
	void metadataDescribesTheLocksAndTheEvents() throws Exception {
		String json = winIpcMetadata();
		List<Map<String, Object>> enabled = JsonPath.read(json, "$.properties[?(@.name == 'winipc.locks.enabled')]");
		assertThat(enabled).singleElement().satisfies((property) -> {
			assertThat(property).containsEntry("defaultValue", true).containsEntry("type", "java.lang.Boolean");
			assertThat(property.get("description")).asString().contains("LockRegistry bean");
		});
		List<Map<String, Object>> prefix = JsonPath.read(json, "$.properties[?(@.name == 'winipc.locks.name-prefix')]");
		assertThat(prefix).singleElement().satisfies((property) -> assertThat(property).containsEntry("defaultValue", ""));
		List<Map<String, Object>> events = JsonPath.read(json, "$.properties[?(@.name == 'winipc.events')]");
		assertThat(events).singleElement()
			.satisfies((property) -> assertThat(property).containsEntry("type",
					"java.util.Map<java.lang.String," + EventProperties.class.getName() + ">"));
	}

	@Test
	void metadataDescribesTheHealthContributorsSwitch() throws Exception {
		List<Map<String, Object>> enabled = JsonPath.read(winIpcMetadata(),
				"$.properties[?(@.name == 'management.health.winipc.enabled')]");
		assertThat(enabled).singleElement()
			.satisfies((property) -> assertThat(property).containsEntry("type", "java.lang.Boolean")
				.containsEntry("defaultValue", true));
	}

	@Test
	void everyPropertyHasADescription() throws Exception {
		List<Map<String, Object>> properties = JsonPath.read(winIpcMetadata(), "$.properties[*]");
		assertThat(properties).isNotEmpty()
			.allSatisfy((property) -> assertThat(property.get("description")).asString().isNotBlank());
	}

	private static String winIpcMetadata() throws Exception {
		String ours = WinIpcProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))) {
			if (url.toString().startsWith(ours) || url.toString().startsWith("jar:" + ours)) {
				try (InputStream in = url.openStream()) {
					return new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		throw new AssertionError(METADATA + " was not generated next to " + ours);
	}

}
