package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderRecord;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import io.bookstore.orchestrator.order.OrderStore.ExecutionProgress;
import io.bookstore.orchestrator.order.OrderStore.SagaOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A batch of sagas' outcomes, recorded in one statement, ends where recording them one by one would, and one the
 * database refused is recorded again; the two batched statements that update many orders at once lock them in id
 * order, so that they never deadlock each other.
 */
class OrderOutcomeBatchTest extends OrchestratorTest {

    @Autowired
    OrderStore orders;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProducerTemplate kafka;

    @Test
    void eachOrderOfItsOwnAttemptEndsOnceWithItsOutcomeInItsHistory() {
        String paid = queuedOrder(1);
        String rejected = queuedOrder(1);
        String retried = queuedOrder(2);
        String alreadyPaid = queuedOrder(1);
        jdbc.update("update orders set status = 'PAID', paid = true where id = ?", alreadyPaid);
        String unknown = "never-created-" + UUID.randomUUID();

        boolean[] moved = orders.recordOutcomes(List.of(
                outcome(paid, 1, OrderStatus.PAID, null),
                outcome(rejected, 1, OrderStatus.REJECTED, "out of stock: Dune"),
                outcome(retried, 1, OrderStatus.PAID, null),
                outcome(alreadyPaid, 1, OrderStatus.REJECTED, "insufficient credit"),
                outcome(unknown, 1, OrderStatus.PAID, null),
                outcome(paid, 1, OrderStatus.PAID, null)));

        assertThat(moved).containsExactly(true, true, false, false, false, false);
        OrderRecord paidOrder = orders.find(paid).orElseThrow();
        assertThat(paidOrder.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paidOrder.paid()).isTrue();
        assertThat(paidOrder.events()).extracting(OrderEvent::event).as("the outcome twice in the batch, once in the history")
                .containsExactly("saga ended: paid");
        OrderRecord rejectedOrder = orders.find(rejected).orElseThrow();
        assertThat(rejectedOrder.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejectedOrder.paid()).isFalse();
        assertThat(rejectedOrder.reason()).isEqualTo("out of stock: Dune");
        assertThat(rejectedOrder.clock()).isEqualTo(clock(2));
        assertThat(orders.find(retried).orElseThrow().status()).as("an earlier attempt's outcome changes nothing")
                .isEqualTo(OrderStatus.QUEUED);
        assertThat(orders.find(retried).orElseThrow().events()).isEmpty();
        assertThat(orders.find(alreadyPaid).orElseThrow().status()).as("a final state never changes")
                .isEqualTo(OrderStatus.PAID);
        assertThat(orders.find(unknown)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from order_events where order_id = ?", Integer.class, unknown))
                .isZero();

        assertThat(orders.recordOutcomes(List.of(outcome(rejected, 1, OrderStatus.REJECTED, "out of stock: Dune"))))
                .as("delivered again").containsExactly(false);
        assertThat(orders.find(rejected).orElseThrow().events()).hasSize(1);
    }

    @Test
    void anOutcomeTheDatabaseRefusedIsRecordedOnceItCan() {
        awaitOutcomesRead();
        String orderId = queuedOrder(1);
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

    @Test
    void anOutcomeBatchLocksItsOrdersInIdOrder() throws Exception {
        String ids = "outcome-" + UUID.randomUUID();
        String low = queuedOrder(ids + "-a", 1);
        String high = queuedOrder(ids + "-b", 1);
        assertLocksInIdOrder(low, high, () -> orders.recordOutcomes(List.of(
                outcome(high, 1, OrderStatus.PAID, null), outcome(low, 1, OrderStatus.PAID, null))));
        assertThat(orders.find(low).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(orders.find(high).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void aProgressBatchLocksItsOrdersInIdOrder() throws Exception {
        String ids = "outcome-" + UUID.randomUUID();
        String low = queuedOrder(ids + "-a", 1);
        String high = queuedOrder(ids + "-b", 1);
        assertLocksInIdOrder(low, high, () -> orders.recordExecutions(List.of(
                progress(high, "reserving 1 x 7"), progress(low, "reserving 2 x 7"))));
        assertThat(orders.find(low).orElseThrow().status()).isEqualTo(OrderStatus.RESERVING);
        assertThat(orders.find(high).orElseThrow().status()).isEqualTo(OrderStatus.RESERVING);
    }

    /**
     * The outcome consumer starts at the latest offset once it has its partitions: until then an outcome sent is not
     * read. Sent again until one is.
     */
    private void awaitOutcomesRead() {
        String probe = queuedOrder(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            sendPaid(probe);
            return orders.find(probe).orElseThrow().status() == OrderStatus.PAID;
        });
    }

    private void sendPaid(String orderId) {
        kafka.sendBody("kafka:orders.outcomes", OrderOutcome.newBuilder().setOrderId(orderId).setAttempt(1)
                .setStatus(OrderOutcome.Status.PAID).setExecutorId("order-executor-1")
                .setClock(VectorClocks.toProto(clock(2))).build().toByteArray());
    }

    /**
     * While another transaction holds the lower id's row, the batch (the higher id first) waits for it holding no
     * other row: a batch that held the higher one could deadlock with a batch that holds the lower one.
     */
    private void assertLocksInIdOrder(String low, String high, Supplier<?> batch) throws Exception {
        try (Connection holder = dataSource.getConnection(); Connection probe = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            lock(holder, low, "");
            CompletableFuture<?> recorded = CompletableFuture.supplyAsync(batch);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%unnest%'",
                    Integer.class) == 1);
            probe.setAutoCommit(false);
            assertThat(lock(probe, high, " nowait")).as("the higher id's row is free while the batch waits").isTrue();
            probe.rollback();
            assertThat(recorded).isNotDone();
            holder.rollback();
            recorded.get();
        }
    }

    private static boolean lock(Connection connection, String orderId, String wait) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(
                "select id from orders where id = ? for update" + wait)) {
            statement.setString(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private String queuedOrder(int attempt) {
        return queuedOrder("outcome-" + UUID.randomUUID(), attempt);
    }

    private String queuedOrder(String orderId, int attempt) {
        orders.insertBenchmarkOrder(orderId, "user-1");
        jdbc.update("update orders set status = 'QUEUED', attempt = ? where id = ?", attempt, orderId);
        return orderId;
    }

    private static SagaOutcome outcome(String orderId, int attempt, OrderStatus status, String reason) {
        return new SagaOutcome(orderId, attempt, status, reason, new OrderEvent("order-executor-1",
                "saga ended: " + status.name().toLowerCase(), clock(2)));
    }

    private static ExecutionProgress progress(String orderId, String event) {
        return new ExecutionProgress(orderId, 1, "order-executor-1", 1, Optional.of(OrderStatus.RESERVING),
                new OrderEvent("order-executor-1", event, clock(1)));
    }

    private static VectorClock clock(long tick) {
        return VectorClock.parse("orchestrator=1,order-executor-1=" + tick);
    }
}
