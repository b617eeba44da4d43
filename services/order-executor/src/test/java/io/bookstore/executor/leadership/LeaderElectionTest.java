package io.bookstore.executor.leadership;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas, one ZooKeeper election: only the leader consumes, and a new leader loses and repeats nothing: every
 * order gets one saga, and stock and money move exactly once per paid order.
 */
@RealInfrastructure(database = "order_executor")
class LeaderElectionTest {

    private static TestingServer zookeeper;

    private static final long STOCK = 1_000_000;
    private static final long CREDIT = 1_000_000_000;

    private final SagaRows rows = new SagaRows();
    private Replicas replicas;
    private OrderTraffic traffic;
    private Participants participants;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = FastZooKeeper.start();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    @BeforeEach
    void freshTopicsAndElection() {
        replicas = new Replicas(zookeeper.getConnectString(), Map.of());
        traffic = replicas.traffic();
        participants = replicas.participants().stock(OrderTraffic.BOOK, STOCK).credit(OrderTraffic.ACCOUNT, CREDIT);
    }

    @AfterEach
    void stopReplicas() {
        replicas.close();
        participants.close();
        traffic.close();
    }

    @Test
    void onlyTheLeaderConsumes() throws Exception {
        List<Replica> all = List.of(replicas.start("order-executor-1"), replicas.start("order-executor-2"),
                replicas.start("order-executor-3"));
        Replica leader = replicas.awaitLeader();
        long epoch = leader.leadership().epoch().getAsLong();

        List<String> orders = ids(traffic.publish(Collections.nCopies(30, "Basic")));
        await().atMost(PATIENCE).until(() -> rows.ended(orders) == 30);

        assertThat(rows.of(orders)).allSatisfy(saga -> {
            assertThat(saga.startedBy()).isEqualTo(leader.instanceId());
            assertThat(saga.startedEpoch()).isEqualTo(epoch);
            assertThat(saga.finishedBy()).isEqualTo(leader.instanceId());
        });
        for (Replica standby : all) {
            JsonNode status = standby.leaderEndpoint();
            assertThat(status.get("instance").asText()).isEqualTo(standby.instanceId());
            assertThat(status.get("zookeeperConnected").asBoolean()).isTrue();
            if (standby == leader) {
                assertThat(status.get("leader").asBoolean()).isTrue();
                assertThat(status.get("epoch").asLong()).isEqualTo(epoch);
                assertThat(standby.orders("received")).isEqualTo(30);
                assertThat(standby.readingReplies()).isTrue();
                assertThat(standby.replies(true)).as("a reserve and a charge per saga").isEqualTo(60);
            } else {
                assertThat(status.get("leader").asBoolean()).isFalse();
                assertThat(status.get("epoch").isNull()).isTrue();
                assertThat(standby.consuming()).isFalse();
                assertThat(standby.orders("received")).isZero();
                assertThat(standby.readingReplies()).isFalse();
                assertThat(standby.replies(true) + standby.replies(false)).isZero();
            }
        }
        await().atMost(PATIENCE).until(() -> traffic.executions(Stage.FINISHED).size() == 30);
        assertThat(traffic.executions(Stage.STARTED)).hasSize(30).allSatisfy(event -> {
            assertThat(event.getExecutorId()).isEqualTo(leader.instanceId());
            assertThat(event.getEpoch()).isEqualTo(epoch);
            assertThat(event.getClock().getEntriesMap()).containsEntry("orchestrator", 5L)
                    .containsKey(leader.instanceId());
        });
    }

    @Test
    void aGracefulHandOverContinuesFromTheCommittedOffset() throws Exception {
        Replica first = replicas.start("order-executor-1");
        replicas.awaitLeader();
        Replica second = replicas.start("order-executor-2");
        long firstEpoch = first.leadership().epoch().getAsLong();
        List<String> before = ids(traffic.publish(Collections.nCopies(20, "Premium")));
        await().atMost(PATIENCE).until(() -> rows.ended(before) == 20 && traffic.everythingCommitted());

        first.close();
        Replica next = replicas.awaitLeader();
        List<String> after = ids(traffic.publish(Collections.nCopies(20, "None")));
        await().atMost(PATIENCE).until(() -> rows.ended(after) == 20 && traffic.everythingCommitted());

        assertThat(next).isSameAs(second);
        long nextEpoch = next.leadership().epoch().getAsLong();
        assertThat(nextEpoch).isGreaterThan(firstEpoch);
        assertThat(rows.of(before)).extracting(Saga::startedBy, Saga::startedEpoch)
                .containsOnly(tuple("order-executor-1", firstEpoch));
        assertThat(rows.of(after)).extracting(Saga::startedBy, Saga::startedEpoch)
                .containsOnly(tuple("order-executor-2", nextEpoch));
        assertThat(next.orders("received")).isEqualTo(20);
        assertThat(next.orders("redelivered")).isZero();
        assertThat(next.replies(false))
                .as("the new leader starts reading replies at the end: none of its predecessor's sagas' replies")
                .isZero();
        assertThat(next.replies(true)).isEqualTo(40);
        assertExecutedOnce(concat(before, after));
    }

    @Test
    void losingTheLeadersSessionWithOrdersInFlightLosesNoOrderAndRepeatsNone() throws Exception {
        replicas.start("order-executor-1");
        replicas.start("order-executor-2");
        replicas.start("order-executor-3");
        Replica old = replicas.awaitLeader();
        long oldEpoch = old.leadership().epoch().getAsLong();
        List<String> orders = new ArrayList<>(ids(traffic.publish(Collections.nCopies(150, "Basic"))));
        await().atMost(PATIENCE).until(() -> rows.ended(orders) >= 20);

        KillSession.kill(old.curator().getZookeeperClient().getZooKeeper());
        orders.addAll(ids(traffic.publish(Collections.nCopies(150, "Premium"))));
        await().atMost(PATIENCE).until(() -> rows.ended(orders) == 300);

        Replica next = replicas.awaitLeader();
        assertThat(next).isNotSameAs(old);
        assertThat(next.leadership().epoch().getAsLong()).isGreaterThan(oldEpoch);
        assertThat(old.leadershipChanges("relinquished")).isEqualTo(1);
        assertThat(rows.of(orders)).extracting(Saga::startedEpoch).contains(oldEpoch);
        assertExecutedOnce(orders);
    }

    /**
     * One saga per order, paid, started by whoever the saga log says started it; stock and money moved once per
     * order: nothing lost, nothing repeated.
     */
    private void assertExecutedOnce(List<String> orders) {
        Map<String, Saga> sagas = rows.of(orders).stream()
                .collect(Collectors.toMap(Saga::orderId, Function.identity()));
        assertThat(sagas).hasSize(orders.size());
        assertThat(sagas.values()).extracting(Saga::status).containsOnly("COMPLETED");
        await().atMost(PATIENCE).until(() -> traffic.executions(Stage.FINISHED).stream()
                .map(OrderExecution::getOrderId).collect(Collectors.toSet()).containsAll(orders));
        // every order is announced; by the leader that started its saga, or (when that one lost its session before
        // announcing) by a later leader that resumed it
        Map<String, List<OrderExecution>> started = traffic.executions(Stage.STARTED).stream()
                .collect(Collectors.groupingBy(OrderExecution::getOrderId));
        assertThat(started.keySet()).containsExactlyInAnyOrderElementsOf(orders);
        started.forEach((orderId, events) -> {
            Saga saga = sagas.get(orderId);
            assertThat(events).allSatisfy(event -> {
                if (event.getExecutorId().equals(saga.startedBy())) {
                    assertThat(event.getEpoch()).isEqualTo(saga.startedEpoch());
                } else {
                    assertThat(event.getEpoch()).isGreaterThan(saga.startedEpoch());
                }
            });
        });
        assertThat(participants.stockOf(OrderTraffic.BOOK)).isEqualTo(STOCK - orders.size());
        assertThat(participants.creditOf(OrderTraffic.ACCOUNT)).isEqualTo(CREDIT - orders.size() * OrderTraffic.PRICE);
    }

    private static List<String> ids(List<Published> published) {
        return published.stream().map(Published::orderId).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
