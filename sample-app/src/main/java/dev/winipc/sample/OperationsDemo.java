package dev.winipc.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The last part of the demo: what an operator sees of the app once the other parts ran.
 * It asks the app's own Actuator, over HTTP, for the health of its winipc endpoints and
 * for {@code winipc.messages}, prints both, and checks that every endpoint counted exactly
 * the messages the demo exchanged.
 *
 * @since 0.1.0
 */
@Component
@Profile(DemoRunner.PROFILE)
@Order(5)
public class OperationsDemo implements DemoStep {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Environment environment;

	private final Map<String, int[]> expected = new LinkedHashMap<>();

	/**
	 * Create the step.
	 * @param environment where the web server's port is found once it listens
	 * @param pipe the pipe part, for the exchanges it made
	 */
	public OperationsDemo(Environment environment, PipeDemo pipe) {
		this.environment = environment;
		// inbound, outbound messages of each endpoint
		this.expected.put("winipc.pipes.hello", new int[] { pipe.exchanges(), pipe.exchanges() });
		this.expected.put("winipc.mailslots.hello", new int[] { MailslotDemo.MESSAGES, 0 });
		this.expected.put("winipc.shared-memory.greeting", new int[] { 0, 1 });
		this.expected.put("winipc.shared-memory.ticks", new int[] { SharedMemoryDemo.TICKS, 0 });
	}

	@Override
	public int run(NativePrograms natives) {
		String actuator = "http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/actuator";
		try {
			System.out.println("operations: what Actuator shows of the app");
			JsonNode health = show(actuator + "/health/winipc");
			JsonNode messages = show(actuator + "/metrics/winipc.messages");
			boolean counted = awaitCounts(actuator);
			System.out.println();
			System.out.println("  winipc.messages by endpoint     inbound  outbound  errors");
			for (String endpoint : this.expected.keySet()) {
				System.out.printf("  %-30s %8s %9s %7s%n", endpoint, count(actuator, endpoint, "inbound", "ok"),
						count(actuator, endpoint, "outbound", "ok"), count(actuator, endpoint, null, "error"));
			}
			System.out.println();
			// The app as a whole is not ready until the demo, an ApplicationRunner, has run.
			String winipc = health.path("status").asString();
			if (!"UP".equals(winipc)) {
				System.out.println("operations: the health of the app's winipc endpoints is " + winipc);
				return 1;
			}
			if (!counted) {
				System.out.println("operations: winipc.messages did not count what the demo exchanged");
				return 1;
			}
			System.out.println("operations: every endpoint UP, winipc.messages counted every message of the demo ("
					+ messages.path("measurements").path(0).path("value").asLong() + ")");
			return 0;
		}
		catch (IOException ex) {
			System.out.println("operations: " + actuator + " did not answer: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private JsonNode show(String url) throws IOException, InterruptedException {
		JsonNode body = this.json.readTree(send(url).body());
		System.out.println();
		System.out.println("$ curl " + url);
		System.out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
		return body;
	}

	private HttpResponse<String> send(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The last reply goes out as the client reads it: give the counters a moment. */
	private boolean awaitCounts(String actuator) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!countsMatch(actuator)) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

	private boolean countsMatch(String actuator) throws IOException, InterruptedException {
		for (Map.Entry<String, int[]> endpoint : this.expected.entrySet()) {
			// an endpoint that has no counter of a direction counted none
			if (Math.max(0, value(actuator, endpoint.getKey(), "inbound", "ok")) != endpoint.getValue()[0]
					|| Math.max(0, value(actuator, endpoint.getKey(), "outbound", "ok")) != endpoint.getValue()[1]
					|| Math.max(0, value(actuator, endpoint.getKey(), null, "error")) != 0) {
				return false;
			}
		}
		return true;
	}

	private String count(String actuator, String endpoint, String direction, String result)
			throws IOException, InterruptedException {
		long value = value(actuator, endpoint, direction, result);
		return (value < 0) ? "-" : Long.toString(value);
	}

	/** Return a count of winipc.messages, or -1 if the endpoint has no such counter. */
	private long value(String actuator, String endpoint, String direction, String result)
			throws IOException, InterruptedException {
		String url = actuator + "/metrics/winipc.messages?tag=endpoint:" + endpoint + "&tag=result:" + result
				+ ((direction != null) ? "&tag=direction:" + direction : "");
		HttpResponse<String> response = send(url);
		if (response.statusCode() == 404) {
			return -1;
		}
		return this.json.readTree(response.body()).path("measurements").path(0).path("value").asLong();
	}

}
