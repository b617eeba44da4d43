package io.bookstore.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST part of the Postman collection (docs/postman), run by Newman against the system's orchestrator, so the
 * collection never goes stale. Newman comes from docs/postman/package-lock.json ({@code npm ci} when missing).
 * Also checks that a checkout's log lines carry one trace id across the gRPC hop. Named to run before
 * CheckoutSystemTest, which ends by killing fraud-detection (the classes run alphabetically).
 */
class ApiCollectionSystemTest {

    private static final Path POSTMAN = Path.of(System.getProperty("services.dir"), "..", "docs", "postman").normalize();
    private static final Path REPORT = Path.of(System.getProperty("logs.dir"), "newman-report.json");
    private static final long NPM_MINUTES = 5;
    private static final long NEWMAN_MINUTES = 5;

    private static final String WARM_UP_ORDER = """
            {"user":{"name":"Warm Up","contact":"warm-up@example.org"},
             "creditCard":{"number":"4111111111111111","expirationDate":"01/20","cvv":"123"},
             "items":[{"name":"Dune","quantity":1}],
             "billingAddress":{"street":"1 Main St","city":"Tartu","state":"","zip":"50090","country":"Estonia"},
             "termsAccepted":true}""";

    private static String orchestrator;
    private static String warmUpOrderId;

    @BeforeAll
    static void startServices() {
        orchestrator = SystemUnderTest.shared().orchestrator.url();
        // the collection is the first client of a cold system: the first gRPC calls of a freshly started JVM can
        // outlast the verification deadline, so checkouts must be answered (here: rejected) before it runs
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Http.Response answer = Http.post(orchestrator + "/checkout", WARM_UP_ORDER);
            warmUpOrderId = answer.status() == 200 ? answer.json().path("orderId").asText() : null;
            return warmUpOrderId != null;
        });
    }

    @Test
    void everyRequestOfTheCollectionPassesItsTests() throws Exception {
        Path newman = POSTMAN.resolve("node_modules/.bin/newman");
        if (!Files.isExecutable(newman)) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_MINUTES, "npm-ci.log");
        }
        Files.deleteIfExists(REPORT);

        int exit = run(List.of(newman.toString(), "run", "bookstore-checkout.postman_collection.json",
                "--environment", "bookstore-local.postman_environment.json",
                "--env-var", "baseUrl=" + orchestrator,
                "--reporters", "cli,json", "--reporter-json-export", REPORT.toString(),
                "--color", "off", "--timeout-request", "90000"), NEWMAN_MINUTES, "newman.log");

        JsonNode run = new ObjectMapper().readTree(REPORT.toFile()).path("run");
        JsonNode stats = run.path("stats");
        System.out.printf("newman: %d requests (%d failed), %d assertions (%d failed)%n",
                stats.path("requests").path("total").asInt(), stats.path("requests").path("failed").asInt(),
                stats.path("assertions").path("total").asInt(), stats.path("assertions").path("failed").asInt());
        List<String> failures = new ArrayList<>();
        run.path("failures").forEach(failure -> failures.add(failure.path("source").path("name").asText() + ": "
                + failure.path("error").path("test").asText() + ": " + failure.path("error").path("message").asText()));
        assertThat(failures).as("failed Postman tests (see %s)", REPORT).isEmpty();
        assertThat(exit).as("newman's exit status").isZero();
        assertThat(stats.path("requests").path("total").asInt()).as("requests run").isGreaterThanOrEqualTo(30);
        assertThat(stats.path("assertions").path("total").asInt()).as("assertions run").isGreaterThanOrEqualTo(60);
    }

    @Test
    void aCheckoutIsOneTraceFromTheRestCallThroughTheGrpcCall() throws IOException {
        String received = logLines("orchestrator", warmUpOrderId).stream()
                .filter(line -> line.contains("order received")).findFirst().orElseThrow();
        String trace = received.replaceAll(".* \\[trace=([0-9a-f]*)].*", "$1");
        assertThat(trace).as("the trace id in %s", received).matches("[0-9a-f]{32}");

        assertThat(logLines("transaction-verification", warmUpOrderId)).as("transaction-verification's lines")
                .isNotEmpty().anySatisfy(line -> assertThat(line).contains("[trace=" + trace + "]"));
    }

    @Test
    void anOrdersSagaContinuesItsCheckoutsTrace() throws IOException {
        Http.Response answer = Http.post(orchestrator + "/checkout", """
                {"user":{"name":"Trace Reader","contact":"trace-%s@example.org"},
                 "creditCard":{"number":"5555555555554444","expirationDate":"12/35","cvv":"123"},
                 "items":[{"name":"Dune","quantity":1}],
                 "billingAddress":{"street":"1 Main St","city":"Tartu","zip":"50090","country":"Estonia"},
                 "termsAccepted":true}""".formatted(UUID.randomUUID()));
        assertThat(answer.json().path("status").asText()).as(answer.body()).isEqualTo("Order Approved");
        String orderId = answer.json().path("orderId").asText();
        String received = logLines("orchestrator", orderId).stream()
                .filter(line -> line.contains("order received")).findFirst().orElseThrow();
        String trace = received.replaceAll(".* \\[trace=([0-9a-f]*)].*", "$1");

        assertThat(logLines("orchestrator", orderId)).as("the outbox relay's line of the queued order")
                .filteredOn(line -> line.contains("published to")).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("[trace=" + trace + "]"));
        assertThat(logLines("stock", orderId)).as("stock's lines of the order's saga (through the outbox and Kafka)")
                .isNotEmpty().allSatisfy(line -> assertThat(line).contains("[trace=" + trace + "]"));
        assertThat(logLines("payment", orderId)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("[trace=" + trace + "]"));
    }

    private static List<String> logLines(String service, String orderId) throws IOException {
        try (var lines = Files.lines(Path.of(System.getProperty("logs.dir"), service + ".log"))) {
            return lines.filter(line -> line.contains("order=" + orderId + " ")).toList();
        }
    }

    private static int run(List<String> command, long minutes, String logName) throws IOException, InterruptedException {
        File log = Path.of(System.getProperty("logs.dir"), logName).toFile();
        Files.createDirectories(log.toPath().getParent());
        Process process = new ProcessBuilder(command).directory(POSTMAN.toFile())
                .redirectErrorStream(true).redirectOutput(log).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + minutes + " min: " + log);
        }
        System.out.println(Files.readString(log.toPath()));
        return process.exitValue();
    }
}
