package io.bookstore.executor;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.OrderExecution.Stage;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.support.ExecutionRows;
import io.bookstore.executor.support.ExecutionRows.Execution;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.OrderTraffic.Published;
import io.bookstore.testinfra.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** One replica, which leads alone: what executing an order records, publishes and commits. */
@RealInfrastructure(database = "order_executor")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bookstore.instance-id=order-executor-1",
        "order-executor.zookeeper.root=/test/order-executor-test",
        "order-executor.topics.approved=" + OrderExecutorTest.APPROVED,
        "order-executor.topics.executions=" + OrderExecutorTest.EXECUTIONS,
        "order-executor.kafka.group-id=" + OrderExecutorTest.GROUP,
        "order-executor.execution.retry-delay-ms=50"})
@UseAdviceWith
@DirtiesContext
class OrderExecutorTest {

    static final String APPROVED = "orders.approved.executor-test";
    static final String EXECUTIONS = "orders.executions.executor-test";
    static final String GROUP = "order-executor-test";

    /** Orders whose first OrderExecution publish fails, once. */
    private static final Set<String> FAIL_FIRST_PUBLISH = ConcurrentHashMap.newKeySet();

    private static OrderTraffic traffic;

    private final ExecutionRows rows = new ExecutionRows();

    @Autowired
    CamelContext camel;

    @Autowired
    Leadership leadership;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void createTopics() {
        traffic = new OrderTraffic(APPROVED, EXECUTIONS, GROUP);
    }

    @AfterAll
    static void closeTraffic() {
        traffic.close();
    }

    @BeforeEach
    void injectPublishFailuresAndStart() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "publish-execution", route -> route.weaveByToUri("kafka:*").before()
                .process(exchange -> {
                    if (FAIL_FIRST_PUBLISH.remove(exchange.getMessage().getHeader("kafka.KEY", String.class))) {
                        throw new IllegalStateException("injected: Kafka refused the OrderExecution");
                    }
                }));
        camel.start();
        await().atMost(PATIENCE).until(leadership::leads);
    }

    @Test
    void anApprovedOrderIsStartedAndFinishedUnderTheLeadersEpochWithItsClockMerged() {
        String order = traffic.publish("Premium").orderId();

        await().atMost(PATIENCE).until(() -> events(order, Stage.FINISHED).size() == 1);

        long epoch = leadership.epoch().getAsLong();
        assertThat(rows.of(List.of(order))).singleElement().satisfies(execution -> {
            assertThat(execution.status()).isEqualTo("FINISHED");
            assertThat(execution.tier()).isEqualTo("Premium");
            assertThat(execution.executorId()).isEqualTo("order-executor-1");
            assertThat(execution.epoch()).isEqualTo(epoch);
        });
        OrderExecution started = events(order, Stage.STARTED).get(0);
        OrderExecution finished = events(order, Stage.FINISHED).get(0);
        assertThat(List.of(started, finished)).allSatisfy(event -> {
            assertThat(event.getExecutorId()).isEqualTo("order-executor-1");
            assertThat(event.getEpoch()).isEqualTo(epoch);
            assertThat(event.getClock().getEntriesMap()).containsEntry("orchestrator", 5L);
        });
        assertThat(finished.getClock().getEntriesMap().get("order-executor-1"))
                .isGreaterThan(started.getClock().getEntriesMap().get("order-executor-1"));
    }

    @Test
    void aRedeliveredOrderIsAcknowledgedAgainWithoutRunningAgain() {
        double redeliveredBefore = orders("redelivered");
        Published first = traffic.publish("Basic");
        await().atMost(PATIENCE).until(() -> events(first.orderId(), Stage.FINISHED).size() == 1);

        traffic.publish(first.orderId(), "Basic");

        await().atMost(PATIENCE).until(() -> events(first.orderId(), Stage.FINISHED).size() == 2
                && traffic.everythingCommitted());
        assertThat(events(first.orderId(), Stage.STARTED)).hasSize(1);
        assertThat(rows.of(List.of(first.orderId()))).hasSize(1);
        assertThat(orders("redelivered")).isEqualTo(redeliveredBefore + 1);
    }

    @Test
    void aFailedPublishIsRetriedInPlaceAndTheOrderCommittedOnlyAfterwards() {
        String order = UUID.randomUUID().toString();
        FAIL_FIRST_PUBLISH.add(order);

        traffic.publish(order, "None");

        await().atMost(PATIENCE).until(() -> events(order, Stage.FINISHED).size() == 1
                && traffic.everythingCommitted());
        assertThat(FAIL_FIRST_PUBLISH).doesNotContain(order);
        assertThat(events(order, Stage.STARTED)).hasSize(1);
        assertThat(rows.of(List.of(order))).extracting(Execution::status).containsExactly("FINISHED");
    }

    @Test
    void anUnreadableRecordIsSkippedAndCommittedPast() {
        double unreadableBefore = orders("unreadable");
        traffic.publishUnreadable();
        String order = traffic.publish("Basic").orderId();

        await().atMost(PATIENCE).until(() -> events(order, Stage.FINISHED).size() == 1
                && traffic.everythingCommitted());
        assertThat(orders("unreadable")).isEqualTo(unreadableBefore + 1);
    }

    private static List<OrderExecution> events(String order, Stage stage) {
        return traffic.executions(stage).stream().filter(event -> event.getOrderId().equals(order)).toList();
    }

    private double orders(String outcome) {
        var counter = meters.find("executor.orders").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
