package io.bookstore.executor.saga;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.OrderOutcome.Status;
import io.bookstore.executor.support.ExecutorProcess;
import io.bookstore.executor.support.FastZooKeeper;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.Participants;
import io.bookstore.executor.support.Replica;
import io.bookstore.executor.support.Replicas;
import io.bookstore.executor.support.SagaRows;
import io.bookstore.executor.support.SagaRows.Saga;
import io.bookstore.testinfra.RealInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The leading executor's JVM is killed (SIGKILL) between reserve and charge: the stock is reserved and the charge
 * waits in Kafka, the payment service being down. The next leader finishes the saga if it can (its deadline has not
 * passed) or compensates it; either way stock and money balance.
 */
@RealInfrastructure(database = "order_executor")
class SagaFailoverTest {

    private static final String BOOK = "book-failover";
    private static final String ACCOUNT = "account-failover";

    private final SagaRows rows = new SagaRows();
    private TestingServer zookeeper;
    private Replicas replicas;
    private OrderTraffic traffic;
    private Participants participants;

    @BeforeEach
    void start() throws Exception {
        zookeeper = FastZooKeeper.start();
    }

    private void replicas(Duration sagaTimeout) {
        replicas = new Replicas(zookeeper.getConnectString(), Map.of(
                "order-executor.saga.timeout", sagaTimeout.toMillis() + "ms",
                "order-executor.saga.ending.reply-timeout", "1s"));
        traffic = replicas.traffic();
        participants = replicas.participants().stock(BOOK, 5).credit(ACCOUNT, 5000);
    }

    @AfterEach
    void stop() throws Exception {
        replicas.close();
        participants.close();
        traffic.close();
        zookeeper.close();
    }

    @Test
    void theNextLeaderFinishesASagaWhoseLeaderWasKilledBetweenReserveAndCharge() {
        replicas(Duration.ofSeconds(60));
        ExecutorProcess killed = replicas.startProcess("order-executor-1");
        await().atMost(PATIENCE).until(killed::leads);
        Replica next = replicas.start("order-executor-2");
        OrderApproved order = OrderTraffic.order(UUID.randomUUID().toString(), 1, ACCOUNT, BOOK, 1, 1000);
        participants.paymentDown();

        traffic.publish(order);
        awaitReservedWithTheChargeEnlisted(order);
        killed.kill();
        await().atMost(PATIENCE).until(() -> next.leadership().leads());
        participants.paymentUp();

        OrderOutcome outcome = awaitOutcome(order);
        assertThat(outcome.getStatus()).isEqualTo(Status.PAID);
        assertThat(outcome.getExecutorId()).isEqualTo("order-executor-2");
        Saga saga = rows.of(order.getOrderId()).orElseThrow();
        assertThat(saga.startedBy()).isEqualTo("order-executor-1");
        assertThat(saga.finishedBy()).isEqualTo("order-executor-2");
        assertThat(saga.status()).isEqualTo("COMPLETED");
        assertThat(participants.stockOf(BOOK)).isEqualTo(4);
        assertThat(participants.creditOf(ACCOUNT)).isEqualTo(4000);
        assertThat(next.sagas("COMPLETED")).isEqualTo(1);
    }

    @Test
    void aSagaWhoseDeadlinePassedWhileNoExecutorLedIsCompensatedByTheNextLeader() {
        replicas(Duration.ofSeconds(3));
        ExecutorProcess killed = replicas.startProcess("order-executor-1");
        await().atMost(PATIENCE).until(killed::leads);
        OrderApproved order = OrderTraffic.order(UUID.randomUUID().toString(), 1, ACCOUNT, BOOK, 1, 1000);
        participants.paymentDown();

        traffic.publish(order);
        awaitReservedWithTheChargeEnlisted(order);
        killed.kill();
        await().atMost(PATIENCE).until(() -> pastItsDeadline(order));
        Replica next = replicas.start("order-executor-2");
        await().atMost(PATIENCE).until(() -> rows.of(order.getOrderId())
                .map(saga -> saga.status().equals("COMPENSATING")).orElse(false));
        participants.paymentUp();

        OrderOutcome outcome = awaitOutcome(order);
        assertThat(outcome.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(outcome.getReason()).startsWith("timed out");
        assertThat(outcome.getExecutorId()).isEqualTo("order-executor-2");
        assertThat(outcome.getClock().getEntriesMap().get("order-executor-1"))
                .as("the killed leader's events up to the charge's enlistment are in the order's clock")
                .isGreaterThan(2L);
        assertThat(participants.stockOf(BOOK)).isEqualTo(5);
        assertThat(participants.creditOf(ACCOUNT)).isEqualTo(5000);
        assertThat(next.sagas("COMPENSATED")).isEqualTo(1);
    }

    private void awaitReservedWithTheChargeEnlisted(OrderApproved order) {
        await().atMost(PATIENCE).until(() -> participants.handled(order.getOrderId(), "RESERVE") == 1
                && rows.steps(order.getOrderId() + "/1").size() == 2);
    }

    private OrderOutcome awaitOutcome(OrderApproved order) {
        return await().atMost(PATIENCE).until(() -> traffic.outcome(order.getOrderId()), Optional::isPresent)
                .orElseThrow();
    }

    private static boolean pastItsDeadline(OrderApproved order) {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(System.getProperty("DB_URL"),
                System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD")));
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select deadline < clock_timestamp() from sagas where saga_id = ?", Boolean.class,
                order.getOrderId() + "/1"));
    }
}
