package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.orderevents.OrderExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"bookstore.instance-id=orchestrator-checkout-test", "checkout.answer-within=3s"})
class BenchmarkCheckoutTest extends OrchestratorTest {

    @Test
    void aCheckoutAnswersOnceTheSagaHasPaidAndAPaidOrderIsNotChargedAgain() {
        String orderId = orderOf("user-7");

        Response first = post("/orders/checkout/" + orderId);
        Response again = post("/orders/checkout/" + orderId);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(again.status()).isEqualTo(200);
        assertThat(get("/orders/find/" + orderId).json().path("paid").asBoolean()).isTrue();
        assertThat(attempts(orderId)).hasSize(1);
        JsonNode history = get("/orders/" + orderId).json();
        assertThat(history.path("status").asText()).isEqualTo("PAID");
        assertThat(history.path("events").get(history.path("events").size() - 1).path("event").asText())
                .isEqualTo("saga ended: paid");
    }

    @Test
    void anExecutionEventArrivingAfterTheOutcomeLeavesTheOrderPaid() throws Exception {
        String orderId = orderOf("user-10");
        assertThat(post("/orders/checkout/" + orderId).status()).isEqualTo(200);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", System.getProperty("KAFKA_BOOTSTRAP_SERVERS")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders.executions", orderId, OrderExecution.newBuilder()
                    .setOrderId(orderId).setStage(OrderExecution.Stage.FINISHED).setExecutorId("order-executor-late")
                    .setEpoch(3).build().toByteArray())).get();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/orders/" + orderId).json().path("executor").asText()).isEqualTo("order-executor-late"));
        assertThat(get("/orders/" + orderId).json().path("status").asText()).isEqualTo("PAID");
        assertThat(get("/orders/find/" + orderId).json().path("paid").asBoolean()).isTrue();
    }

    @Test
    void aRejectedCheckoutIsA400WithTheReasonAndCanBeTriedAgain() {
        String orderId = orderOf(ExecutorDouble.BROKE);

        Response rejected = post("/orders/checkout/" + orderId);
        Response retried = post("/orders/checkout/" + orderId);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().path("error").path("code").asText()).isEqualTo("checkout_rejected");
        assertThat(rejected.json().path("error").path("message").asText()).contains("insufficient credit");
        assertThat(retried.status()).isEqualTo(400);
        assertThat(attempts(orderId)).as("two attempts, two sagas").hasSize(2);
        assertThat(get("/orders/find/" + orderId).json().path("paid").asBoolean()).isFalse();
    }

    @Test
    void concurrentCheckoutsOfOneOrderRunOneSaga() {
        String orderId = orderOf("user-8");

        List<Response> answers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> post("/orders/checkout/" + orderId)))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(attempts(orderId)).hasSize(1);
    }

    @Test
    void aSagaOutlastingTheAnswerWindowIsA503PointingToTheOrderWhichStaysOpen() {
        Response response = post("/checkout", CheckoutApiTest.orderOf(ExecutorDouble.UNFINISHED), Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("checkout_pending");
        String message = response.json().path("error").path("message").asText();
        String orderId = message.substring(message.indexOf("GET /orders/") + "GET /orders/".length()).split(" ")[0];
        assertThat(get("/orders/" + orderId).json().path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void unknownAndEmptyOrdersAreRefused() {
        assertThat(post("/orders/checkout/no-such-order").json().path("error").path("code").asText())
                .isEqualTo("unknown_order");
        String empty = post("/orders/create/user-9").json().path("order_id").asText();
        Response response = post("/orders/checkout/" + empty);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("no_items");
        assertThat(get("/orders/" + empty).json().path("status").asText()).isEqualTo("OPEN");
    }

    private String orderOf(String userId) {
        String orderId = post("/orders/create/" + userId).json().path("order_id").asText();
        assertThat(post("/orders/addItem/" + orderId + "/7/2").status()).isEqualTo(200);
        return orderId;
    }

    /**
     * The distinct attempts queued for the order (the outbox relay may publish one twice; that is one saga). Attempts
     * are numbered across all orders, so only their number says something.
     */
    private static List<Integer> attempts(String orderId) {
        return ExecutorDouble.queued.stream().filter(order -> order.getOrderId().equals(orderId))
                .map(order -> order.getAttempt()).distinct().sorted().toList();
    }
}
