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
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A saga's outcome the orchestrator's database refused at first is recorded once it can be, not lost. */
class OrderOutcomesTest extends OrchestratorTest {

    @Autowired
    OrderStore orders;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate kafka;

    @Test
    void anOutcomeTheDatabaseRefusedIsRecordedOnceItCan() {
        awaitOutcomesRead();
        String orderId = queuedOrder();
        // the history's insert fails once for this order, and the whole statement with it (a sequence is not rolled back)
        jdbc.execute("create sequence refusals");
        jdbc.execute("""
                create function refuse_once() returns trigger language plpgsql as $$
                begin
                    if new.order_id = '%s' and nextval('refusals') = 1 then
                        raise exception 'refused once';
                    end if;
                    return new;
                end $$""".formatted(orderId));
        jdbc.execute("create trigger refuse_once before insert on order_events for each row execute function refuse_once()");
        try {
            sendPaid(orderId);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> orders.find(orderId).orElseThrow().status() == OrderStatus.PAID);
            assertThat(jdbc.queryForObject("select last_value from refusals", Long.class)).as("refused first")
                    .isGreaterThanOrEqualTo(2);
            assertThat(orders.find(orderId).orElseThrow().events()).extracting(OrderEvent::event)
                    .containsExactly("saga ended: paid");
        } finally {
            jdbc.execute("drop trigger refuse_once on order_events");
            jdbc.execute("drop function refuse_once()");
            jdbc.execute("drop sequence refusals");
        }
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
        kafka.sendBody("kafka:orders.outcomes", OrderOutcome.newBuilder().setOrderId(orderId).setAttempt(1)
                .setStatus(OrderOutcome.Status.PAID).setExecutorId("order-executor-1")
                .setClock(VectorClocks.toProto(VectorClock.parse("orchestrator=1,order-executor-1=2"))).build()
                .toByteArray());
    }

    private String queuedOrder() {
        String orderId = "outcome-" + UUID.randomUUID();
        orders.insertBenchmarkOrder(orderId, "user-1");
        jdbc.update("update orders set status = 'QUEUED', attempt = 1 where id = ?", orderId);
        return orderId;
    }
}
