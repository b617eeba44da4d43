package io.bookstore.executor.leadership;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.OrderExecution.Stage;
import io.bookstore.executor.support.FastZooKeeper;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.OrderTraffic.Published;
import io.bookstore.executor.support.Participants;
import io.bookstore.executor.support.Replica;
import io.bookstore.executor.support.Replicas;
import io.bookstore.executor.support.SagaRows;
import io.bookstore.executor.support.SagaRows.Saga;
import io.bookstore.testinfra.RealInfrastructure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A leader cut off from ZooKeeper without noticing (its ZooKeeper client closed under it) goes on consuming while
 * another replica is elected: its first saga write (even a read of the saga log) is refused by the epoch fence, it
 * stops consuming, and it sends no command and publishes nothing.
 */
@RealInfrastructure(database = "order_executor")
class FencingTest {

    private static final int ORDERS = 21;

    private final SagaRows rows = new SagaRows();
    private TestingServer zookeeper;
    private Replicas replicas;
    private OrderTraffic traffic;
    private Participants participants;

    @BeforeEach
    void start() throws Exception {
        zookeeper = FastZooKeeper.start();
        // one batch of exactly ORDERS orders: the stale leader holds the first 20 until the last one arrives
        replicas = new Replicas(zookeeper.getConnectString(), Map.of(
                "order-executor.priority.batch-size", String.valueOf(ORDERS),
                "order-executor.priority.batch-timeout-ms", "600000"));
        traffic = replicas.traffic();
        participants = replicas.participants().stock(OrderTraffic.BOOK, 1_000_000).credit(OrderTraffic.ACCOUNT,
                1_000_000_000);
    }

    @AfterEach
    void stop() throws Exception {
        replicas.close();
        participants.close();
        traffic.close();
        zookeeper.close();
    }

    @Test
    void aStaleLeadersWritesAreRefusedAndItStopsConsuming() {
        Replica stale = replicas.start("order-executor-1");
        replicas.awaitLeader();
        Replica next = replicas.start("order-executor-2");
        long staleEpoch = stale.leadership().epoch().getAsLong();
        List<String> orders = new ArrayList<>(traffic.publish(Collections.nCopies(ORDERS - 1, "Basic")).stream()
                .map(Published::orderId).toList());
        await().atMost(PATIENCE).until(() -> stale.orders("received") == ORDERS - 1);

        stale.curator().close();
        await().atMost(PATIENCE).until(() -> next.leadership().leads());
        long nextEpoch = next.leadership().epoch().getAsLong();
        assertThat(stale.leadership().leads()).as("the stale leader has not noticed").isTrue();
        orders.add(traffic.publish("Basic").orderId());

        // the stale leader's first write for the new order is refused; the replica steps down as the write fails
        // and counts the order refused as its route handles the failure, a moment later
        await().atMost(PATIENCE).until(() -> rows.ended(orders) == ORDERS && !stale.consuming()
                && stale.orders("refused") == 1);
        assertThat(nextEpoch).isGreaterThan(staleEpoch);
        assertThat(stale.leadershipChanges("fenced")).isEqualTo(1);
        assertThat(stale.leadership().leads()).isFalse();
        assertThat(rows.of(orders)).extracting(Saga::startedBy, Saga::startedEpoch, Saga::finishedBy, Saga::status)
                .containsOnly(tuple("order-executor-2", nextEpoch, "order-executor-2", "COMPLETED"));
        await().atMost(PATIENCE).until(() -> traffic.executions(Stage.FINISHED).size() == ORDERS);
        assertThat(traffic.executions()).extracting(OrderExecution::getExecutorId).containsOnly("order-executor-2");
        assertThat(participants.handled()).extracting(Participants.Handled::kind).containsOnly("RESERVE", "CHARGE")
                .hasSize(2 * ORDERS);
    }
}
