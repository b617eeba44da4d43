package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A saga's outcome the orchestrator's database refused is recorded once it can be, however long the database is away,
 * and one it will never take is passed over without holding up the outcomes behind it (OrchestratorTest sets two
 * redeliveries, 50 ms apart at first).
 */
class OrderOutcomesTest extends OrchestratorTest {

    @Autowired
    OrderStore orders;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate kafka;

    @Autowired
    CamelContext camel;

    @Test
    void anOutcomeTheDatabaseRefusedIsRecordedOnceItCan() {
        awaitOutcomesRead();
        String orderId = queuedOrder();
        try (DatabaseRefusals refusals = DatabaseRefusals.refuse(jdbc, orderId, "nextval('refusals') = 1",
                "raise_exception")) {
            sendPaid(orderId);

            awaitPaid(orderId);
            assertThat(refusals.attempts()).as("refused first").isEqualTo(2);
            assertThat(orders.find(orderId).orElseThrow().events()).extracting(OrderEvent::event)
                    .containsExactly("saga ended: paid");
        }
    }

    @Test
    void anOutcomeIsTriedAgainForAsLongAsTheDatabaseIsAway() {
        awaitOutcomesRead();
        String orderId = queuedOrder();
        // eight times: more than the two redeliveries of other refusals
        try (DatabaseRefusals refusals = DatabaseRefusals.refuse(jdbc, orderId, "nextval('refusals') <= 8",
                "admin_shutdown")) {
            sendPaid(orderId);

            awaitPaid(orderId);
            assertThat(refusals.attempts()).as("refused eight times, then recorded").isEqualTo(9);
            assertThat(orders.find(orderId).orElseThrow().events()).extracting(OrderEvent::event)
                    .containsExactly("saga ended: paid");
        }
    }

    @Test
    void anOutcomeTheDatabaseNeverTakesIsPassedOverAndTheNextIsRecorded() {
        awaitOutcomesRead();
        String refused = queuedOrder();
        String next = queuedOrder();
        try (DatabaseRefusals refusals = DatabaseRefusals.refuse(jdbc, refused, "nextval('refusals') > 0",
                "raise_exception")) {
            sendPaid(refused);
            sendPaid(next);

            awaitPaid(next);
            assertThat(refusals.attempts()).as("tried once and redelivered twice").isEqualTo(3);
            assertThat(orders.find(refused).orElseThrow().status()).isEqualTo(OrderStatus.QUEUED);
        }
    }

    @Test
    void anOutcomeStillTriedWhenTheConsumerStopsIsReadAgainWhenItStarts() throws Exception {
        awaitOutcomesRead();
        String orderId = queuedOrder();
        try (DatabaseRefusals refusals = DatabaseRefusals.refuse(jdbc, orderId, "nextval('refusals') > 0",
                "admin_shutdown")) {
            sendPaid(orderId);
            await().atMost(Duration.ofSeconds(20)).until(() -> refusals.attempts() >= 3);

            camel.getRouteController().stopRoute("order-outcomes");
        }
        camel.getRouteController().startRoute("order-outcomes");

        awaitPaid(orderId);
    }

    private void awaitPaid(String orderId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> orders.find(orderId).orElseThrow().status() == OrderStatus.PAID);
    }

    /**
     * The outcome consumer starts at the latest offset once it has its partitions: until then an outcome sent is not
     * read. Sent again until one is.
     */
    private void awaitOutcomesRead() {
        String probe = queuedOrder();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            sendPaid(probe);
            return orders.find(probe).orElseThrow().status() == OrderStatus.PAID;
        });
    }

    private void sendPaid(String orderId) {
        // one partition for all, so that an outcome held up would hold up the ones sent after it
        kafka.sendBodyAndHeader("kafka:orders.outcomes", OrderOutcome.newBuilder().setOrderId(orderId).setAttempt(1)
                .setStatus(OrderOutcome.Status.PAID).setExecutorId("order-executor-1")
                .setClock(VectorClocks.toProto(VectorClock.parse("orchestrator=1,order-executor-1=2"))).build()
                .toByteArray(), KafkaConstants.PARTITION_KEY, 0);
    }

    private String queuedOrder() {
        String orderId = "outcome-" + UUID.randomUUID();
        orders.insertBenchmarkOrder(orderId, "user-1");
        jdbc.update("update orders set status = 'QUEUED', attempt = 1 where id = ?", orderId);
        return orderId;
    }
}
