package io.bookstore.executor.saga;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.OrderOutcome.Status;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.Participants;
import io.bookstore.executor.support.Participants.Handled;
import io.bookstore.executor.support.SagaRows;
import io.bookstore.executor.support.SagaTopics;
import io.bookstore.testinfra.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A short saga timeout (3 s) and a short compensation budget (3 attempts, 1 s each): a participant that stays down
 * past the deadline gets the saga compensated, and a compensation that never succeeds leaves it NEEDS_ATTENTION.
 */
@RealInfrastructure(database = "order_executor")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bookstore.instance-id=order-executor-1",
        "order-executor.zookeeper.root=/test/saga-timeout-test",
        "order-executor.kafka.group-id=saga-timeout-test",
        "order-executor.kafka.replies-group-id=saga-timeout-test-replies",
        "order-executor.saga.timeout=3s",
        "order-executor.saga.sweep-interval=200ms",
        "order-executor.saga.ending.max-attempts=3",
        "order-executor.saga.ending.reply-timeout=1s",
        "order-executor.saga.ending.initial-delay=100ms"})
@DirtiesContext
class SagaTimeoutTest {

    private static final SagaTopics TOPICS = SagaTopics.named("saga-timeout-test");

    private static OrderTraffic traffic;
    private static Participants participants;

    private final SagaRows rows = new SagaRows();

    @Autowired
    Leadership leadership;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        TOPICS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void startParticipants() {
        traffic = new OrderTraffic(TOPICS, "saga-timeout-test");
        participants = TOPICS.participants();
    }

    @AfterAll
    static void stopParticipants() {
        participants.close();
        traffic.close();
    }

    @BeforeEach
    void awaitLeadership() {
        await().atMost(PATIENCE).until(leadership::leads);
    }

    @Test
    void aPaymentServiceDownPastTheDeadlineGetsTheSagaCompensatedOnceItIsBack() {
        String book = "book-" + UUID.randomUUID();
        String account = "account-" + UUID.randomUUID();
        participants.stock(book, 5).credit(account, 5000);
        OrderApproved order = OrderTraffic.order(UUID.randomUUID().toString(), 1, account, book, 2, 1000);
        participants.paymentDown();

        traffic.publish(order);
        await().atMost(PATIENCE).until(() -> rows.of(order.getOrderId())
                .map(saga -> saga.status().equals("COMPENSATING")).orElse(false));
        participants.paymentUp();

        OrderOutcome outcome = awaitOutcome(order.getOrderId());
        assertThat(outcome.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(outcome.getReason()).startsWith("timed out");
        assertThat(participants.stockOf(book)).isEqualTo(5);
        assertThat(participants.creditOf(account)).isEqualTo(5000);
        assertThat(participants.handled(order.getOrderId()))
                .filteredOn(command -> command.participant().equals("payment"))
                .extracting(Handled::kind).startsWith("CHARGE", "REFUND");
    }

    @Test
    void aCompensationThatNeverSucceedsLeavesTheSagaNeedingAttention() {
        double before = needingAttention();
        String book = "book-" + UUID.randomUUID();
        String account = "account-" + UUID.randomUUID();
        participants.stock(book, 5).credit(account, 10);
        OrderApproved order = OrderTraffic.order(UUID.randomUUID().toString(), 1, account, book, 1, 1000);
        participants.swallowReleases(order.getOrderId(), Integer.MAX_VALUE);

        traffic.publish(order);

        OrderOutcome outcome = awaitOutcome(order.getOrderId());
        assertThat(outcome.getStatus()).isEqualTo(Status.NEEDS_ATTENTION);
        assertThat(outcome.getReason()).contains("direct://release-stock failed 3 times")
                .contains("insufficient credit");
        assertThat(rows.of(order.getOrderId()).orElseThrow().status()).isEqualTo("NEEDS_ATTENTION");
        assertThat(participants.handled(order.getOrderId(), "RELEASE")).isEqualTo(3);
        assertThat(needingAttention()).isEqualTo(before + 1);
    }

    private static OrderOutcome awaitOutcome(String orderId) {
        return await().atMost(PATIENCE).until(() -> traffic.outcome(orderId), Optional::isPresent).orElseThrow();
    }

    private double needingAttention() {
        var counter = meters.find("executor.sagas").tag("status", "NEEDS_ATTENTION").counter();
        return counter == null ? 0 : counter.count();
    }
}
