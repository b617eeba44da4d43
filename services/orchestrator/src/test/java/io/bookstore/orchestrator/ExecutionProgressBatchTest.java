package io.bookstore.orchestrator;

import static io.bookstore.orchestrator.order.OrderStore.ProgressRecord.ALREADY_RECORDED;
import static io.bookstore.orchestrator.order.OrderStore.ProgressRecord.RECORDED;
import static io.bookstore.orchestrator.order.OrderStore.ProgressRecord.UNKNOWN_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderRecord;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import io.bookstore.orchestrator.order.OrderStore.ExecutionProgress;
import io.bookstore.orchestrator.order.OrderStore.ProgressRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One batch of the executors' progress, recorded in one statement, ends where recording it event by event would; a
 * batch delivered again changes nothing; a batch the database refuses while it is away is recorded once it is back
 * (OrchestratorTest sets two redeliveries for other refusals).
 */
class ExecutionProgressBatchTest extends OrchestratorTest {

    @Autowired
    OrderStore orders;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate kafka;

    @Test
    void eachOrderMovesToItsLatestStageAndKeepsEveryEventInTheBatchsOrder() {
        String running = newOrder();
        String paid = newOrder();
        String retried = newOrder();
        String unknown = "never-created-" + UUID.randomUUID();
        jdbc.update("update orders set status = 'PAID', paid = true where id = ?", paid);
        jdbc.update("update orders set attempt = 3, status = 'QUEUED' where id = ?", retried);

        ProgressRecord[] recorded = orders.recordExecutions(List.of(
                progress(running, 0, "order-executor-1", 1, OrderStatus.EXECUTING, "execution started", 1),
                progress(retried, 2, "order-executor-1", 1, OrderStatus.CHARGING, "charging 4 (earlier attempt)", 1),
                progress(running, 0, "order-executor-1", 1, OrderStatus.RESERVING, "reserving 1 x 7", 2),
                progress(paid, 0, "order-executor-1", 1, OrderStatus.EXECUTED, "execution finished", 9),
                progress(unknown, 0, "order-executor-1", 1, OrderStatus.EXECUTING, "execution started", 1),
                progress(running, 0, "order-executor-2", 2, null, "reserved 1 x 7", 3),
                progress(retried, 3, "order-executor-2", 2, OrderStatus.EXECUTING, "execution started", 2),
                progress(retried, 2, "order-executor-3", 1, OrderStatus.COMPENSATING, "late event of attempt 2", 2)));

        assertThat(recorded).containsExactly(RECORDED, RECORDED, RECORDED, RECORDED, UNKNOWN_ORDER, RECORDED, RECORDED,
                RECORDED);
        OrderRecord runningOrder = orders.find(running).orElseThrow();
        assertThat(runningOrder.status()).as("a reply leaves the stage as it is").isEqualTo(OrderStatus.RESERVING);
        assertThat(runningOrder.executorId()).isEqualTo("order-executor-2");
        assertThat(runningOrder.executorEpoch()).isEqualTo(2L);
        assertThat(runningOrder.events()).extracting(OrderEvent::event)
                .containsExactly("execution started", "reserving 1 x 7", "reserved 1 x 7");
        assertThat(orders.find(paid).orElseThrow().status()).as("a final state never moves back")
                .isEqualTo(OrderStatus.PAID);
        OrderRecord retriedOrder = orders.find(retried).orElseThrow();
        assertThat(retriedOrder.status()).as("only the order's own attempt moves it").isEqualTo(OrderStatus.EXECUTING);
        assertThat(retriedOrder.executorId()).isEqualTo("order-executor-3");
        assertThat(retriedOrder.events()).extracting(OrderEvent::event).containsExactlyInAnyOrder(
                "charging 4 (earlier attempt)", "execution started", "late event of attempt 2");
        assertThat(orders.find(unknown)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from order_events where order_id = ?", Integer.class, unknown))
                .isZero();
    }

    @Test
    void aBatchDeliveredAgainChangesNothingAndOnlyItsNewEventsAreRecorded() {
        String orderId = newOrder();
        ExecutionProgress started = progress(orderId, 0, "order-executor-1", 1, OrderStatus.EXECUTING,
                "execution started", 1);
        ExecutionProgress reserving = progress(orderId, 0, "order-executor-1", 1, OrderStatus.RESERVING,
                "reserving 1 x 7", 2);
        ExecutionProgress charging = progress(orderId, 0, "order-executor-1", 1, OrderStatus.CHARGING,
                "charging 4", 3);
        orders.recordExecutions(List.of(started, reserving));

        assertThat(orders.recordExecutions(List.of(started, reserving, charging, charging)))
                .containsExactly(ALREADY_RECORDED, ALREADY_RECORDED, RECORDED, ALREADY_RECORDED);
        assertThat(orders.recordExecutions(List.of(started))).containsExactly(ALREADY_RECORDED);

        OrderRecord order = orders.find(orderId).orElseThrow();
        assertThat(order.status()).as("an event delivered again does not move the order back")
                .isEqualTo(OrderStatus.CHARGING);
        assertThat(order.events()).extracting(OrderEvent::event)
                .containsExactly("execution started", "reserving 1 x 7", "charging 4");
    }

    @Test
    void aBatchIsTriedAgainForAsLongAsTheDatabaseIsAway() {
        String orderId = newOrder();
        try (DatabaseRefusals refusals = DatabaseRefusals.refuse(jdbc, orderId, "nextval('refusals') <= 8",
                "admin_shutdown")) {
            kafka.sendBody("kafka:orders.executions", OrderExecution.newBuilder().setOrderId(orderId)
                    .setStage(OrderExecution.Stage.STARTED).setExecutorId("order-executor-1").setEpoch(1)
                    .setClock(VectorClocks.toProto(VectorClock.parse("orchestrator=1,order-executor-1=1"))).build()
                    .toByteArray());

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> orders.find(orderId).orElseThrow().status() == OrderStatus.EXECUTING);
            assertThat(refusals.attempts()).as("refused eight times, then recorded").isEqualTo(9);
            assertThat(orders.find(orderId).orElseThrow().events()).extracting(OrderEvent::event)
                    .containsExactly("execution started (epoch 1)");
        }
    }

    private String newOrder() {
        String orderId = "progress-" + UUID.randomUUID();
        orders.insertBenchmarkOrder(orderId, "user-1");
        return orderId;
    }

    private static ExecutionProgress progress(String orderId, int attempt, String executorId, long epoch,
                                              OrderStatus stage, String event, long tick) {
        return new ExecutionProgress(orderId, attempt, executorId, epoch, Optional.ofNullable(stage),
                new OrderEvent(executorId, event, VectorClock.parse("orchestrator=1," + executorId + "=" + tick)));
    }
}
