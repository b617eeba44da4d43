package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.grpc.Status;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckoutApiTest extends OrchestratorTest {

    static final String APPROVED_ORDER = """
            {"user":{"name":"Ada Lovelace","contact":"ada@example.org"},
             "creditCard":{"number":"4111111111111111","expirationDate":"12/30","cvv":"123"},
             "userComment":"gift","items":[{"name":"Dune","quantity":2},{"name":"The Hobbit","quantity":1}],
             "billingAddress":{"street":"1 Main St","city":"Tartu","state":"","zip":"50090","country":"Estonia"},
             "shippingMethod":"Standard","giftWrapping":false,"termsAccepted":true,"clientCard":"Premium",
             "someFieldTheContractDoesNotKnow":{"nested":[1,2,3]}}""";

    @Test
    void approvedOrderAnswersWithSuggestionsAndIsRecordedWithItsCausalHistory() {
        Response response = post("/checkout", APPROVED_ORDER, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("Order Approved");
        assertThat(body.path("suggestedBooks").get(0).path("title").asText()).isEqualTo("Dune");

        JsonNode order = get("/orders/" + body.path("orderId").asText()).json();
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("tier").asText()).isEqualTo("Premium");
        assertThat(order.path("total").asLong()).isEqualTo(2 * 1299 + 999);
        List<VectorClock> clocks = new ArrayList<>();
        List<String> services = new ArrayList<>();
        order.path("events").forEach(event -> {
            clocks.add(clockOf(event.path("clock")));
            services.add(event.path("service").asText());
        });
        assertThat(services).hasSize(6).startsWith("orchestrator").endsWith("order-executor-double")
                .contains("transaction-verification", "fraud-detection", "suggestions");
        assertThat(order.path("events").get(5).path("event").asText()).isEqualTo("saga ended: paid");
        for (int later = 1; later < clocks.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                assertThat(clocks.get(later).happenedBefore(clocks.get(earlier)))
                        .as("event %d must not causally precede event %d", later, earlier).isFalse();
            }
            assertThat(clocks.get(later).happenedBefore(clocks.get(0)) || clocks.get(0).happenedBefore(clocks.get(later)))
                    .as("every event follows the order's reception").isTrue();
        }
        VectorClock settled = clocks.get(clocks.size() - 1);
        clocks.forEach(clock -> assertThat(settled.dominates(clock)).isTrue());
        assertThat(response.headers().get("x-vector-clock")).containsExactly(settled.toString());
    }

    @Test
    void anOrderItsSagaCannotFulfilIsRejectedWithTheSagasReason() {
        Response response = post("/checkout", orderOf(ExecutorDouble.SOLD_OUT), Map.of());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("Order Rejected");
        assertThat(body.path("reason").asText()).isEqualTo("out of stock: " + ExecutorDouble.SOLD_OUT);
        assertThat(body.path("suggestedBooks").isArray()).isTrue();
        assertThat(body.path("suggestedBooks")).isEmpty();
        JsonNode order = get("/orders/" + body.path("orderId").asText()).json();
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("out of stock: " + ExecutorDouble.SOLD_OUT);
    }

    @Test
    void everyServiceIsAskedAtOnceNotOneAfterAnother() {
        CountDownLatch allAsked = new CountDownLatch(3);
        for (VerifierDoubles.Double service : List.of(verifiers.transactionVerification, verifiers.fraudDetection,
                verifiers.suggestions)) {
            VerifierDoubles.Behaviour approve = service.approve();
            service.behaviour = (request, clock) -> {
                allAsked.countDown();
                awaitQuietly(allAsked, DEADLINE_MILLIS * 2);
                return approve.answer(request, clock);
            };
        }

        Response response = post("/checkout", APPROVED_ORDER, Map.of());

        assertThat(response.json().path("status").asText())
                .as("each service waits until all three were called: a sequential fan-out would miss its deadline")
                .isEqualTo("Order Approved");
    }

    @Test
    void theFirstRejectionAnswersWithoutWaitingForASlowService() {
        CountDownLatch answered = new CountDownLatch(1);
        VerifierDoubles.Behaviour approve = verifiers.suggestions.approve();
        verifiers.suggestions.behaviour = (request, clock) -> {
            awaitQuietly(answered, DEADLINE_MILLIS * 3);
            return approve.answer(request, clock);
        };
        verifiers.fraudDetection.behaviour = verifiers.fraudDetection.reject("card is blocked");

        Response response = post("/checkout", APPROVED_ORDER, Map.of());
        long stillWaiting = answered.getCount();
        answered.countDown();

        assertThat(stillWaiting).as("suggestions had not answered when the client got its answer").isEqualTo(1);
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("Order Rejected");
        assertThat(body.path("reason").asText()).isEqualTo("card is blocked");
        assertThat(body.path("suggestedBooks").isArray()).isTrue();
        assertThat(body.path("suggestedBooks")).isEmpty();
        JsonNode order = get("/orders/" + body.path("orderId").asText()).json();
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.path("reason").asText()).isEqualTo("card is blocked");
    }

    @Test
    void aServiceSlowerThanTheDeadlineIsA503NamingIt() {
        CountDownLatch never = new CountDownLatch(1);
        VerifierDoubles.Behaviour approve = verifiers.fraudDetection.approve();
        verifiers.fraudDetection.behaviour = (request, clock) -> {
            awaitQuietly(never, DEADLINE_MILLIS * 3);
            return approve.answer(request, clock);
        };

        Response response = post("/checkout", APPROVED_ORDER, Map.of());
        never.countDown();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("verification_unavailable");
        assertThat(response.json().path("error").path("message").asText()).contains("fraud-detection");
    }

    @Test
    void aServiceThatCannotServeIsA503NamingItAndNeverAnApproval() {
        verifiers.transactionVerification.behaviour = (request, clock) -> {
            throw Status.UNAVAILABLE.withDescription("shutting down").asRuntimeException();
        };

        Response response = post("/checkout", APPROVED_ORDER, Map.of());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("verification_unavailable");
        assertThat(response.json().path("error").path("message").asText()).contains("transaction-verification");
    }

    @Test
    void theDecidedOrderIsClearedEverywhereWithTheClockOfItsDecision() {
        String orderId = post("/checkout", APPROVED_ORDER, Map.of()).json().path("orderId").asText();
        List<JsonNode> decisions = new ArrayList<>();
        get("/orders/" + orderId).json().path("events").forEach(event -> {
            if (event.path("event").asText().equals("decided: approved")) {
                decisions.add(event.path("clock"));
            }
        });
        assertThat(decisions).hasSize(1);
        VectorClock finalClock = clockOf(decisions.get(0));

        for (VerifierDoubles.Double service : List.of(verifiers.transactionVerification, verifiers.fraudDetection,
                verifiers.suggestions)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(service.clears).anySatisfy(clear -> {
                assertThat(clear.getOrderId()).isEqualTo(orderId);
                assertThat(VectorClocks.fromProto(clear.getFinalClock())).isEqualTo(finalClock);
            }));
        }
    }

    @Test
    void theOrderReachesTheServicesAsTheContractDescribesIt() {
        post("/checkout", APPROVED_ORDER.replace("\"termsAccepted\"", "\"termsAndConditionsAccepted\""), Map.of());

        var order = verifiers.fraudDetection.requests.get(0).getOrder();
        assertThat(order.getUser().getName()).isEqualTo("Ada Lovelace");
        assertThat(order.getTermsAccepted()).isTrue();
        assertThat(order.getLinesList()).extracting(line -> line.getTitle() + " x" + line.getQuantity())
                .containsExactly("Dune x2", "The Hobbit x1");
        assertThat(order.getTier()).isEqualTo(io.bookstore.contracts.order.CardTier.CARD_TIER_PREMIUM);
    }

    @Test
    void malformedRequestsGetA400ThatNamesTheProblem() {
        assertError(post("/checkout", "{\"items\": [", Map.of()), 400, "malformed_json", "");
        assertError(post("/checkout", "", Map.of()), 400, "empty_body", "");
        assertError(post("/checkout", "[1,2]", Map.of()), 400, "invalid_field", "");
        assertError(post("/checkout", "{\"user\":{\"name\":42}}", Map.of()), 400, "invalid_field", "user.name");
        assertError(post("/checkout", "{\"items\":[{\"name\":\"Dune\",\"quantity\":\"two\"}]}", Map.of()), 400,
                "invalid_field", "items[0].quantity");
        assertError(post("/checkout", "{\"items\":[{\"name\":\"Dune\",\"quantity\":99999999999}]}", Map.of()), 400,
                "invalid_field", "items[0].quantity");
        assertError(post("/checkout", "{\"items\":[{\"name\":\"Dune\",\"quantity\":1.5}]}", Map.of()), 400,
                "invalid_field", "items[0].quantity");
        assertError(post("/checkout", "{\"clientCard\":\"Platinum\"}", Map.of()), 400, "invalid_field", "clientCard");
        assertError(post("/checkout", "{\"giftWrapping\":\"yes\"}", Map.of()), 400, "invalid_field", "giftWrapping");
        assertError(postBytes("/checkout", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                400, "invalid_encoding", "UTF-8");
        StringBuilder manyItems = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 10_000; i++) {
            manyItems.append(i == 0 ? "" : ",").append("{\"name\":\"Dune\",\"quantity\":1}");
        }
        assertError(post("/checkout", manyItems.append("]}").toString(), Map.of()), 413, "body_too_large", "bytes");
        assertThat(verifiers.fraudDetection.requests).as("nothing malformed reaches verification").isEmpty();
    }

    @Test
    void theShopPageCanPostPlainTextFromAnotherOrigin() {
        Response preflight = send(HttpRequest.newBuilder(uri("/checkout"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .build());
        assertThat(preflight.status()).isLessThan(300);
        assertThat(preflight.headers().get("access-control-allow-origin")).containsExactly("*");

        Response response = post("/checkout", APPROVED_ORDER,
                Map.of("Content-Type", "text/plain;charset=UTF-8", "Origin", "http://shop.example"));
        assertThat(response.json().path("status").asText()).isEqualTo("Order Approved");
        assertThat(response.headers().get("access-control-allow-origin")).containsExactly("*");
    }

    @Test
    void curlsFormContentTypeIsReadAsJsonToo() {
        Response response = post("/checkout", APPROVED_ORDER, Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("Order Approved");
    }

    @Test
    void withRespondAsyncTheAnswerIs202AndTheDecisionIsReadBack() {
        Response response = post("/checkout", APPROVED_ORDER, Map.of("Prefer", "respond-async"));

        assertThat(response.status()).isEqualTo(202);
        String orderId = response.json().path("orderId").asText();
        assertThat(response.headers().get("location")).containsExactly("/orders/" + orderId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/orders/" + orderId).json().path("status").asText()).isEqualTo("PAID"));
    }

    /** The approved order with one line: the named book. */
    static String orderOf(String title) {
        return APPROVED_ORDER.replace("""
                "items":[{"name":"Dune","quantity":2},{"name":"The Hobbit","quantity":1}]""", """
                "items":[{"name":"%s","quantity":1}]""".formatted(title));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstOrderAndCreatesNoOther() {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());

        List<Response> answers = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post("/checkout", APPROVED_ORDER, key)))
                .toList().stream().map(CompletableFuture::join).toList();
        Response later = post("/checkout", APPROVED_ORDER, key);

        String orderId = answers.get(0).json().path("orderId").asText();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().path("orderId").asText()).isEqualTo(orderId);
            assertThat(answer.json().path("status").asText()).isEqualTo("Order Approved");
        });
        assertThat(later.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(later.json().path("suggestedBooks").isArray()).isTrue();
        assertThat(ExecutorDouble.queued).filteredOn(order -> order.getOrderId().equals(orderId))
                .extracting(order -> order.getAttempt()).containsOnly(0);
        assertThat(verifiers.transactionVerification.requests).as("one order verified, for five requests")
                .singleElement().satisfies(request -> assertThat(request.getOrder().getOrderId()).isEqualTo(orderId));
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefusedAndABadKeyIsA400() {
        String key = "reused-" + UUID.randomUUID();
        assertThat(post("/checkout", APPROVED_ORDER, Map.of("Idempotency-Key", key)).status()).isEqualTo(200);

        assertError(post("/checkout", orderOf("The Hobbit"), Map.of("Idempotency-Key", key)), 422,
                "idempotency_key_reused", "different request");
        assertError(post("/checkout", APPROVED_ORDER, Map.of("Idempotency-Key", "x".repeat(256))), 400,
                "invalid_idempotency_key", "Idempotency-Key");
    }

    @Test
    void aCheckoutThatCouldNotBeDecidedCanBeRetriedWithItsKey() {
        Map<String, String> key = Map.of("Idempotency-Key", "undecided-" + UUID.randomUUID());
        verifiers.fraudDetection.behaviour = (request, clock) -> {
            throw Status.UNAVAILABLE.withDescription("restarting").asRuntimeException();
        };
        Response unavailable = post("/checkout", APPROVED_ORDER, key);
        verifiers.reset();

        Response retried = post("/checkout", APPROVED_ORDER, key);

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("status").asText()).isEqualTo("Order Approved");
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        Response response = get("/api-doc");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("/checkout", "/orders/find/{order_id}");
    }

    private static VectorClock clockOf(JsonNode clock) {
        return VectorClock.of(json.convertValue(clock, new TypeReference<Map<String, Long>>() { }));
    }

    private static void assertError(Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("error").path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(response.json().path("error").path("message").asText()).contains(messagePart);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
