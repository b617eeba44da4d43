package io.bookstore.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testinfra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input corpus (src/test/resources/hostile) against the orchestrator's one base URL and against stock's
 * and payment's own ports: no request may get a 5xx, every 4xx carries {"error":{"code","message"}}, and the stores
 * hold exactly the same stock, credit and orders afterwards. The only rows a request may add are checkout orders
 * the verification services rejected (a 200 "Order Rejected" is the contract's answer to, say, a negative quantity).
 */
class HostileInputSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLOCKED_NAME_ORDER = """
            {"user":{"name":"Fraud Warm Up","contact":"warm-up-%s@example.org"},
             "creditCard":{"number":"5555555555554444","expirationDate":"12/35","cvv":"123"},
             "items":[{"name":"Dune","quantity":1}],
             "billingAddress":{"street":"1 Main St","city":"Tartu","zip":"50090","country":"Estonia"},
             "termsAccepted":true}""";

    private static SystemUnderTest system;
    private static Map<String, String> fixtures;

    @BeforeAll
    static void startServicesAndCreateFixtures() {
        system = SystemUnderTest.shared();
        // CheckoutSystemTest ends by killing fraud-detection; a checkout that parses must reach a verdict here
        system.fraudDetection.ensureRunning(Duration.ofMinutes(3));
        String base = system.orchestrator.url();
        // and the orchestrator's gRPC channel to it retries with a growing back-off (gRPC's, up to 2 min): wait
        // until fraud-detection itself answers a checkout (it rejects this name), so no 503 is the corpus's doing
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                Http.post(base + "/checkout", BLOCKED_NAME_ORDER.formatted(UUID.randomUUID())).status() == 200);
        String item = okJson(Http.post(base + "/stock/item/create/5")).path("item_id").asText();
        okJson(Http.post(base + "/stock/add/" + item + "/10"));
        String user = okJson(Http.post(base + "/payment/create_user")).path("user_id").asText();
        okJson(Http.post(base + "/payment/add_funds/" + user + "/100"));
        String order = okJson(Http.post(base + "/orders/create/" + user)).path("order_id").asText();
        okJson(Http.post(base + "/orders/addItem/" + order + "/" + item + "/1"));
        fixtures = Map.of("item", item, "user", user, "order", order,
                "stockUrl", system.stock.url(), "paymentUrl", system.payment.url());
    }

    @Test
    void everyHostileRequestIsRefusedWithAnErrorBodyAndChangesNoStore() {
        List<HostileCorpus.HostileRequest> corpus = new HostileCorpus(fixtures).load();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        StoreSnapshot before = StoreSnapshot.take(infrastructure);

        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byEndpoint = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        int rejectedCheckouts = 0;
        for (HostileCorpus.HostileRequest request : corpus) {
            RawHttp.Response response;
            try {
                response = RawHttp.send(port(request.target()), request.method(), request.path(), request.headers(),
                        request.body());
            } catch (UncheckedIOException e) {
                failures.add("no answer: " + request + ": " + e.getCause().getMessage());
                continue;
            }
            byStatus.merge(Integer.toString(response.status()), 1, Integer::sum);
            byEndpoint.computeIfAbsent(request.endpoint(), endpoint -> new TreeMap<>()).merge(response.status(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                failures.add(problem + ": " + request + " -> " + response.status() + " " + shorten(response.text()));
            }
            if (response.status() == 200 && response.text().contains("\"Order Rejected\"")) {
                rejectedCheckouts++;
            } else if (response.status() < 300 && !request.method().equals("GET")) {
                applied.add(request.toString());
            }
        }
        StoreSnapshot after = StoreSnapshot.take(infrastructure);
        List<String> changes = changes(before, after, rejectedCheckouts);

        System.out.printf("hostile input: %d requests, %d endpoints; by status %s%n", corpus.size(), byEndpoint.size(), byStatus);
        byEndpoint.forEach((endpoint, statuses) -> System.out.printf("  %-60s %s%n", endpoint, statuses));
        System.out.printf("hostile input: %d failures, %d store changes (%d rows compared)%n", failures.size(),
                changes.size(), before.rows().size());
        System.out.printf("hostile input: %d requests other than GET answered 2xx (zero amounts, forged headers on them);"
                + " the store comparison shows what they changed%n", applied.size());
        failures.forEach(failure -> System.out.println("  FAILED " + failure));
        changes.forEach(change -> System.out.println("  CHANGED " + change));

        assertThat(failures).as("requests answered 5xx or without an error body").isEmpty();
        assertThat(changes).as("stores changed by the corpus").isEmpty();
    }

    /** What is wrong with an answer, or null: a 5xx, or a 4xx without a JSON {"error":{"code","message"}}. */
    private static String problem(RawHttp.Response response) {
        if (response.status() >= 500) {
            return "5xx";
        }
        if (response.status() < 400) {
            return null;
        }
        if (!response.contentType().startsWith("application/json")) {
            return "4xx not JSON (" + response.contentType() + ")";
        }
        try {
            JsonNode error = JSON.readTree(response.body()).path("error");
            if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
                return "4xx without error.code and error.message";
            }
            return null;
        } catch (IOException e) {
            return "4xx body not JSON";
        }
    }

    private static List<String> changes(StoreSnapshot before, StoreSnapshot after, int rejectedCheckouts) {
        List<String> changes = new ArrayList<>();
        before.rows().forEach((key, value) -> {
            String now = after.rows().get(key);
            if (!value.equals(now)) {
                changes.add(key + ": " + value + " -> " + now);
            }
        });
        List<String> added = after.rows().keySet().stream().filter(key -> !before.rows().containsKey(key)).toList();
        long addedOrders = added.stream().filter(key -> key.startsWith("order:")).count();
        for (String key : added) {
            boolean rejectedOrder = key.startsWith("order:") && after.rows().get(key).startsWith("REJECTED/false/");
            boolean lineOfRejectedOrder = key.startsWith("line:") && after.rows()
                    .getOrDefault("order:" + key.substring("line:".length(), key.lastIndexOf('#')), "").startsWith("REJECTED/false/");
            if (!rejectedOrder && !lineOfRejectedOrder) {
                changes.add(key + ": added " + after.rows().get(key));
            }
        }
        if (addedOrders > rejectedCheckouts) {
            changes.add(addedOrders + " orders added, but only " + rejectedCheckouts + " checkouts answered Order Rejected");
        }
        return changes;
    }

    private static int port(String target) {
        return switch (target) {
            case "orchestrator" -> system.orchestrator.httpPort;
            case "stock" -> system.stock.httpPort;
            case "payment" -> system.payment.httpPort;
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    private static JsonNode okJson(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
