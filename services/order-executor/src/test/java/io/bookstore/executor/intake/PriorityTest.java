package io.bookstore.executor.intake;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.executor.support.FastZooKeeper;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.OrderTraffic.Published;
import io.bookstore.executor.support.Participants;
import io.bookstore.executor.support.Replicas;
import io.bookstore.executor.support.SagaRows;
import io.bookstore.executor.support.SagaRows.Saga;
import io.bookstore.testinfra.RealInfrastructure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders queued while no executor runs start their sagas Premium first, then Basic, then None, within their batch. */
@RealInfrastructure(database = "order_executor")
class PriorityTest {

    private static final int PER_TIER = 100;
    private static final List<String> TIERS_BY_PRIORITY = List.of("Premium", "Basic", "None");

    private final SagaRows rows = new SagaRows();
    private TestingServer zookeeper;
    private Replicas replicas;
    private OrderTraffic traffic;
    private Participants participants;

    @BeforeEach
    void start() throws Exception {
        zookeeper = FastZooKeeper.start();
        // one batch covers the whole backlog: it closes when full, long before a quiet period could close it
        replicas = new Replicas(zookeeper.getConnectString(), Map.of(
                "order-executor.priority.batch-size", String.valueOf(TIERS_BY_PRIORITY.size() * PER_TIER),
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
    void aBacklogRunsPremiumThenBasicThenNoneAndEachTierInArrivalOrder() {
        List<String> tiers = new ArrayList<>();
        TIERS_BY_PRIORITY.forEach(tier -> tiers.addAll(Collections.nCopies(PER_TIER, tier)));
        Collections.shuffle(tiers, new Random(42));
        Map<String, Published> published = traffic.publish(tiers).stream()
                .collect(Collectors.toMap(Published::orderId, Function.identity()));

        replicas.start("order-executor-1");
        await().atMost(PATIENCE).until(() -> rows.ended(published.keySet()) == tiers.size());

        List<Saga> inStartOrder = rows.of(published.keySet());
        assertThat(inStartOrder).extracting(Saga::tier).containsExactlyElementsOf(TIERS_BY_PRIORITY.stream()
                .flatMap(tier -> Collections.nCopies(PER_TIER, tier).stream()).toList());
        for (int partition = 0; partition < OrderTraffic.PARTITIONS; partition++) {
            for (String tier : TIERS_BY_PRIORITY) {
                int inPartition = partition;
                assertThat(inStartOrder.stream().map(saga -> published.get(saga.orderId()))
                        .filter(order -> order.partition() == inPartition && order.tier().equals(tier))
                        .map(Published::offset).toList())
                        .as("%s orders of partition %d run in arrival order", tier, partition)
                        .isNotEmpty()
                        .isSorted();
            }
        }
    }
}
