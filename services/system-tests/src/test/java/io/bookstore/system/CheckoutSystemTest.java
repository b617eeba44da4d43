package io.bookstore.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** POST /checkout against the real verification services over real gRPC. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutSystemTest {

    private static final AtomicInteger customers = new AtomicInteger();
    private static SystemUnderTest system;

    @BeforeAll
    static void startServices() {
        system = SystemUnderTest.shared();
    }

    private static final String DUNE = "9780441013593";
    private static final String HOBBIT = "9780547928227";
    private static final String ALGORITHMS = "9780262033848";
    private static final long ALGORITHMS_PRICE = 9999;

    @Test
    @Order(1)
    void anApprovedOrderIsPaidAndReservedAndHasSuggestionsAndACausalHistory() {
        long dunes = stockOf(DUNE);
        long hobbits = stockOf(HOBBIT);

        JsonNode answer = checkout(order(card(), "Ada Lovelace", "[{\"name\":\"Dune\",\"quantity\":1},"
                + "{\"name\":\"The Hobbit\",\"quantity\":2}]", "12/35")).json();

        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Order Approved");
        assertThat(answer.path("suggestedBooks").size()).isBetween(1, 3);
        answer.path("suggestedBooks").forEach(book ->
                assertThat(book.path("title").asText()).isNotIn("Dune", "The Hobbit"));

        assertThat(Http.get(system.orchestrator.url() + "/orders/" + answer.path("orderId").asText()).json()
                .path("status").asText()).isEqualTo("PAID");
        assertThat(stockOf(DUNE)).isEqualTo(dunes - 1);
        assertThat(stockOf(HOBBIT)).isEqualTo(hobbits - 2);
        JsonNode order = historyOnceExecuted(answer.path("orderId").asText());
        List<Map<String, Long>> clocks = new ArrayList<>();
        List<String> services = new ArrayList<>();
        order.path("events").forEach(event -> {
            services.add(event.path("service").asText());
            Map<String, Long> clock = new HashMap<>();
            event.path("clock").fields().forEachRemaining(entry -> clock.put(entry.getKey(), entry.getValue().asLong()));
            clocks.add(clock);
        });
        assertThat(services).contains("orchestrator", "transaction-verification", "fraud-detection", "suggestions");
        assertThat(services).as("the saga's participants answered").contains("stock", "payment")
                .anyMatch(service -> service.startsWith("order-executor-"));
        assertThat(eventsOf(order)).contains("saga ended: paid");
        for (int later = 1; later < clocks.size(); later++) {
            assertThat(dominates(clocks.get(later), clocks.get(0))).as("every event follows the reception").isTrue();
            for (int earlier = 0; earlier < later; earlier++) {
                assertThat(strictlyBefore(clocks.get(later), clocks.get(earlier)))
                        .as("event %s must not precede event %s", later, earlier).isFalse();
            }
        }
        int decided = services.lastIndexOf("orchestrator");
        for (int i = 0; i < decided; i++) {
            assertThat(dominates(clocks.get(decided), clocks.get(i))).as("the decision follows every verdict").isTrue();
        }
    }

    @Test
    @Order(2)
    void eachVerificationEventCanRejectAnOrderWithItsReason() {
        assertRejected(order(card(), "Ada", "[]", "12/35"), "item");
        assertRejected(order(card(), "Ada", "[{\"name\":\"No Such Book\",\"quantity\":1}]", "12/35"),
                "unknown book: No Such Book");
        assertRejected(order(card(), "", "[{\"name\":\"Dune\",\"quantity\":1}]", "12/35"), "name");
        assertRejected(order(card(), "Ada", "[{\"name\":\"Dune\",\"quantity\":1}]", "01/20"), "expired");
        assertRejected(order("4111111111111112", "Ada", "[{\"name\":\"Dune\",\"quantity\":1}]", "12/35"), "card");
        assertRejected(order(card(), "Fraud Tester", "[{\"name\":\"Dune\",\"quantity\":1}]", "12/35"), "");
        assertRejected(order("4000000000000002", "Ada", "[{\"name\":\"Dune\",\"quantity\":1}]", "12/35"), "");
    }

    @Test
    @Order(3)
    void theFirstRejectionAnswersWithoutWaitingForTheSlowSuggestions() {
        JsonNode answer = checkout(order(card(), "Ada", "[{\"name\":\"Dune\",\"quantity\":1}]", "01/20")).json();

        assertThat(answer.path("status").asText()).isEqualTo("Order Rejected");
        JsonNode order = Http.get(system.orchestrator.url() + "/orders/" + answer.path("orderId").asText()).json();
        List<String> services = new ArrayList<>();
        order.path("events").forEach(event -> services.add(event.path("service").asText()));
        assertThat(services).as("decided before suggestions (%s late) answered", SystemUnderTest.SUGGESTIONS_DELAY)
                .contains("transaction-verification").doesNotContain("suggestions");
    }

    @Test
    @Order(4)
    void aServiceSlowerThanTheDeadlineIsA503NamingIt() {
        Http.Response response = Http.post(system.impatientOrchestrator.url() + "/checkout",
                order(card(), "Ada", "[{\"name\":\"Dune\",\"quantity\":1}]", "12/35"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("error").path("message").asText()).contains("suggestions");
    }

    @Test
    @Order(5)
    void malformedJsonIsA400() {
        Http.Response response = Http.post(system.orchestrator.url() + "/checkout", "{\"items\": [");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("malformed_json");
    }

    @Test
    @Order(6)
    void aBookTheStockCannotReserveIsRejectedByTheSagaAndNothingIsCharged() {
        JsonNode answer = checkout(order(card(), "Ada", "[{\"name\":\"Dune\",\"quantity\":1},"
                + "{\"name\":\"" + SystemUnderTest.SOLD_OUT_BOOK + "\",\"quantity\":1}]", "12/35")).json();

        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Order Rejected");
        assertThat(answer.path("reason").asText()).isEqualTo("out of stock: " + SystemUnderTest.SOLD_OUT_BOOK);
        assertThat(answer.path("suggestedBooks")).isEmpty();
        JsonNode order = historyOnceExecuted(answer.path("orderId").asText());
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(eventsOf(order)).contains("out of stock: " + SystemUnderTest.SOLD_OUT_BOOK)
                .noneMatch(event -> event.startsWith("charging"));
    }

    @Test
    @Order(7)
    void anOrderTheCardCannotPayIsRejectedAndItsBooksAreReleased() {
        long copies = SystemUnderTest.CARD_CREDIT_LIMIT / ALGORITHMS_PRICE + 1;
        long before = stockOf(ALGORITHMS);

        JsonNode answer = checkout(order(card(), "Ada", "[{\"name\":\"Introduction to Algorithms\",\"quantity\":"
                + copies + "}]", "12/35")).json();

        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Order Rejected");
        assertThat(answer.path("reason").asText()).startsWith("insufficient credit");
        assertThat(stockOf(ALGORITHMS)).as("the reserved copies are back").isEqualTo(before);
        JsonNode order = Http.get(system.orchestrator.url() + "/orders/" + answer.path("orderId").asText()).json();
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    @Order(99)
    void aServiceThatIsDownIsA503NamingItNeverAnApproval() {
        system.fraudDetection.kill();

        Http.Response response = checkout(order(card(), "Ada", "[{\"name\":\"Dune\",\"quantity\":1}]", "12/35"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("error").path("message").asText()).contains("fraud-detection");
    }

    /** The order's history once the executor's last event reached it (the saga's events come apart from the outcome). */
    private static JsonNode historyOnceExecuted(String orderId) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> Http.get(system.orchestrator.url() + "/orders/" + orderId).json(),
                order -> eventsOf(order).stream().anyMatch(event -> event.startsWith("execution finished")));
    }

    private static List<String> eventsOf(JsonNode order) {
        List<String> events = new ArrayList<>();
        order.path("events").forEach(event -> events.add(event.path("event").asText()));
        return events;
    }

    private static long stockOf(String bookId) {
        return Http.get(system.orchestrator.url() + "/stock/find/" + bookId).json().path("stock").asLong();
    }

    private static Http.Response checkout(String body) {
        return Http.post(system.orchestrator.url() + "/checkout", body);
    }

    private static void assertRejected(String body, String reasonPart) {
        JsonNode answer = checkout(body).json();
        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Order Rejected");
        assertThat(answer.path("reason").asText().toLowerCase()).as(answer.toString()).isNotBlank()
                .contains(reasonPart.toLowerCase());
        assertThat(answer.path("suggestedBooks").isArray()).isTrue();
        assertThat(answer.path("suggestedBooks")).isEmpty();
    }

    /** A new, valid card for each order, so that velocity limits never mix up two tests. */
    private static String card() {
        String partial = "41111" + String.format("%010d", customers.incrementAndGet());
        int sum = 0;
        for (int i = 0; i < partial.length(); i++) {
            int digit = partial.charAt(partial.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return partial + (10 - sum % 10) % 10;
    }

    private static String order(String card, String name, String items, String expiry) {
        return """
                {"user":{"name":"%s","contact":"%s@example.org"},
                 "creditCard":{"number":"%s","expirationDate":"%s","cvv":"123"},
                 "items":%s,
                 "billingAddress":{"street":"1 Main St","city":"Tartu","state":"","zip":"50090","country":"Estonia"},
                 "shippingMethod":"Standard","termsAccepted":true,"clientCard":"Basic"}"""
                .formatted(name, "customer" + customers.incrementAndGet(), card, expiry, items);
    }

    private static boolean dominates(Map<String, Long> a, Map<String, Long> b) {
        return b.entrySet().stream().allMatch(e -> a.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static boolean strictlyBefore(Map<String, Long> a, Map<String, Long> b) {
        return dominates(b, a) && !a.equals(b);
    }
}
