package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.CardTier;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderExecution;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class OrderQueueTest extends OrchestratorTest {

    @Test
    void anApprovedOrderIsQueuedOnKafkaWithItsTierAndPrices() {
        String orderId = post("/checkout", CheckoutApiTest.APPROVED_ORDER, Map.of()).json().path("orderId").asText();

        List<ConsumerRecord<String, byte[]>> queued = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", System.getProperty("KAFKA_BOOTSTRAP_SERVERS"),
                "group.id", "queue-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("orders.approved"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(orderId)) {
                        queued.add(record);
                    }
                });
                return !queued.isEmpty();
            });
        }

        ConsumerRecord<String, byte[]> record = queued.get(0);
        assertThat(new String(record.headers().lastHeader("tier").value(), StandardCharsets.UTF_8)).isEqualTo("Premium");
        OrderApproved approved = parse(record.value());
        assertThat(approved.getTier()).isEqualTo(CardTier.CARD_TIER_PREMIUM);
        assertThat(approved.getTotal()).isEqualTo(2 * 1299 + 999);
        assertThat(approved.getAccountId()).startsWith("card:").doesNotContain("4111111111111111");
        assertThat(approved.getLinesList()).extracting(line -> line.getItemId() + " x" + line.getQuantity())
                .containsExactly("9780441172719 x2", "9780547928227 x1");
        assertThat(new String(record.headers().lastHeader(VectorClock.HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo(VectorClocks.fromProto(approved.getClock()).toString())
                .contains("orchestrator=");
    }

    @Test
    void theExecutorThatRunsAnOrderAndTheSagasStepsShowInItsHistory() throws Exception {
        String orderId = post("/checkout", CheckoutApiTest.orderOf(ExecutorDouble.UNFINISHED), Map.of("Prefer", "respond-async"))
                .json().path("orderId").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/orders/" + orderId).json().path("status").asText()).isEqualTo("APPROVED"));
        VectorClock decided = VectorClock.parse(clockText(get("/orders/" + orderId).json().path("clock")));
        VectorClock started = decided.tick("order-executor-2");
        VectorClock reserving = started.tick("order-executor-2");
        VectorClock reserved = reserving.tick("stock");

        publish(execution(orderId, OrderExecution.Stage.STARTED, started).build());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode order = get("/orders/" + orderId).json();
            assertThat(order.path("status").asText()).isEqualTo("EXECUTING");
            assertThat(order.path("executor").asText()).isEqualTo("order-executor-2");
            assertThat(order.path("executorEpoch").asLong()).isEqualTo(7);
        });
        publish(execution(orderId, OrderExecution.Stage.RESERVING, reserving).setEvent("reserving 1 x Unfinished Map").build());
        publish(execution(orderId, OrderExecution.Stage.PARTICIPANT_REPLIED, reserved).setService("stock")
                .setEvent("reserved 1 x 9780000000026").build());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode order = get("/orders/" + orderId).json();
            assertThat(order.path("status").asText()).as("a reply leaves the stage as it is").isEqualTo("RESERVING");
            List<String> events = new ArrayList<>();
            order.path("events").forEach(event -> events.add(event.path("service").asText() + ": " + event.path("event").asText()));
            assertThat(events).endsWith("order-executor-2: execution started (epoch 7)",
                    "order-executor-2: reserving 1 x Unfinished Map", "stock: reserved 1 x 9780000000026");
        });
    }

    private static OrderExecution.Builder execution(String orderId, OrderExecution.Stage stage, VectorClock clock) {
        return OrderExecution.newBuilder().setOrderId(orderId).setStage(stage).setExecutorId("order-executor-2")
                .setEpoch(7).setClock(VectorClocks.toProto(clock));
    }

    private static void publish(OrderExecution execution) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", System.getProperty("KAFKA_BOOTSTRAP_SERVERS")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders.executions", execution.getOrderId(), execution.toByteArray())).get();
        }
    }

    private static String clockText(JsonNode clock) {
        List<String> entries = new ArrayList<>();
        clock.fields().forEachRemaining(entry -> entries.add(entry.getKey() + "=" + entry.getValue().asLong()));
        return String.join(",", entries);
    }

    private static OrderApproved parse(byte[] value) {
        try {
            return OrderApproved.parseFrom(value);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
