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
        refuse(orderId, "nextval('refusals') = 1", "raise_exception");
        try {
            sendPaid(orderId);

            awaitPaid(orderId);
            assertThat(refusals()).as("refused first").isGreaterThanOrEqualTo(2);
            assertThat(orders.find(orderId).orElseThrow().events()).extracting(OrderEvent::event)
                    .containsExactly("saga ended: paid");
        } finally {
            stopRefusing();
        }
    }

    @Test
    void anOutcomeIsTriedAgainForAsLongAsTheDatabaseIsAway() {
        awaitOutcomesRead();
        String orderId = queuedOrder();
        // what PostgreSQL answers while it shuts down, eight times: more than the two redeliveries of other refusals
        refuse(orderId, "nextval('refusals') <= 8", "admin_shutdown");
        try {
            sendPaid(orderId);

            awaitPaid(orderId);
            assertThat(refusals()).as("refused eight times, then recorded").isEqualTo(9);
            assertThat(orders.find(orderId).orElseThrow().events()).extracting(OrderEvent::event)
                    .containsExactly("saga ended: paid");
        } finally {
            stopRefusing();
        }
    }

    @Test
    void anOutcomeTheDatabaseNeverTakesIsPassedOverAndTheNextIsRecorded() {
        awaitOutcomesRead();
        String refused = queuedOrder();
        String next = queuedOrder();
        refuse(refused, "nextval('refusals') > 0", "raise_exception");
        try {
            sendPaid(refused);
            sendPaid(next);

            awaitPaid(next);
            assertThat(refusals()).as("tried once and redelivered twice").isEqualTo(3);
            assertThat(orders.find(refused).orElseThrow().status()).isEqualTo(OrderStatus.QUEUED);
        } finally {
            stopRefusing();
        }
    }

    @Test
    void anOutcomeStillTriedWhenTheConsumerStopsIsReadAgainWhenItStarts() throws Exception {
        awaitOutcomesRead();
        String orderId = queuedOrder();
        refuse(orderId, "nextval('refusals') > 0", "admin_shutdown");
        try {
            sendPaid(orderId);
            await().atMost(Duration.ofSeconds(20)).until(() -> refusals() >= 3);

            camel.getRouteController().stopRoute("order-outcomes");
        } finally {
            stopRefusing();
        }
        camel.getRouteController().startRoute("order-outcomes");

        awaitPaid(orderId);
    }

    /** Makes the history's insert for the order fail, and its whole statement with it, while the condition holds. */
    private void refuse(String orderId, String condition, String errcode) {
        // a sequence counts the attempts: a rollback does not undo nextval
        jdbc.execute("create sequence refusals");
        jdbc.execute("""
                create function refuse() returns trigger language plpgsql as $$
                begin
                    if new.order_id = '%s' then
                        if %s then
                            raise exception 'refused' using errcode = '%s';
                        end if;
                    end if;
                    return new;
                end $$""".formatted(orderId, condition, errcode));
        jdbc.execute("create trigger refuse before insert on order_events for each row execute function refuse()");
    }

    private long refusals() {
        return jdbc.queryForObject("select case when is_called then last_value else 0 end from refusals", Long.class);
    }

    private void stopRefusing() {
        jdbc.execute("drop trigger refuse on order_events");
        jdbc.execute("drop function refuse()");
        jdbc.execute("drop sequence refusals");
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
