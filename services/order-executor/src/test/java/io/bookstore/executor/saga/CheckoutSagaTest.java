package io.bookstore.executor.saga;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.OrderExecution.Stage;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.OrderOutcome.Status;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.Participants;
import io.bookstore.executor.support.Participants.Handled;
import io.bookstore.executor.support.SagaRows;
import io.bookstore.executor.support.SagaRows.Saga;
import io.bookstore.executor.support.SagaTopics;
import io.bookstore.testinfra.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
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
 * One replica, leading alone, runs checkout sagas against stock and payment doubles over real Kafka, with the saga
 * log in real PostgreSQL. Each test reads like the saga's sequence: these commands, these replies, this outcome, and
 * what stock and money look like afterwards.
 */
@RealInfrastructure(database = "order_executor")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bookstore.instance-id=order-executor-1",
        "order-executor.zookeeper.root=/test/checkout-saga-test",
        "order-executor.kafka.group-id=checkout-saga-test",
        "order-executor.kafka.replies-group-id=checkout-saga-test-replies",
        "order-executor.execution.retry-delay-ms=50",
        "order-executor.saga.ending.reply-timeout=1s",
        "order-executor.saga.ending.initial-delay=50ms"})
@UseAdviceWith
@DirtiesContext
class CheckoutSagaTest {

    private static final SagaTopics TOPICS = SagaTopics.named("checkout-saga-test");
    private static final String INSTANCE = "order-executor-1";

    /** Orders whose first OrderOutcome publish fails, once. */
    private static final Set<String> FAIL_FIRST_OUTCOME = ConcurrentHashMap.newKeySet();

    private static OrderTraffic traffic;
    private static Participants participants;

    private final SagaRows rows = new SagaRows();

    @Autowired
    CamelContext camel;

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
        traffic = new OrderTraffic(TOPICS, "checkout-saga-test");
        participants = TOPICS.participants();
    }

    @AfterAll
    static void stopParticipants() {
        participants.close();
        traffic.close();
    }

    @BeforeEach
    void injectPublishFailuresAndStart() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "publish-outcome", route -> route.weaveByToUri("kafka:*").before()
                .process(exchange -> {
                    if (FAIL_FIRST_OUTCOME.remove(exchange.getMessage().getHeader(KafkaConstants.KEY, String.class))) {
                        throw new IllegalStateException("injected: Kafka refused the OrderOutcome");
                    }
                }));
        camel.start();
        await().atMost(PATIENCE).until(leadership::leads);
    }

    @Test
    void aPaidOrderReservesThenChargesAndEndsCompleted() throws Exception {
        String book = book(5);
        String account = account(5000);
        OrderApproved order = OrderTraffic.order(id(), 1, account, book, 2, 1000);

        traffic.publish(order);

        OrderOutcome outcome = awaitOutcome(order.getOrderId());
        assertThat(outcome.getStatus()).isEqualTo(Status.PAID);
        assertThat(outcome.getReason()).isEmpty();
        assertThat(outcome.getAttempt()).isEqualTo(1);
        assertThat(outcome.getExecutorId()).isEqualTo(INSTANCE);
        assertThat(outcome.getEpoch()).isEqualTo(leadership.epoch().getAsLong());
        assertThat(outcome.getLinesList()).isEqualTo(order.getLinesList());
        assertThat(outcome.getClock().getEntriesMap()).containsEntry("orchestrator", 5L)
                .containsKeys(INSTANCE, "stock", "payment");
        assertThat(participants.stockOf(book)).isEqualTo(3);
        assertThat(participants.creditOf(account)).isEqualTo(3000);
        assertThat(participants.handled(order.getOrderId())).extracting(Handled::kind, Handled::outcome)
                .containsExactly(tuple("RESERVE", "RESERVED"), tuple("CHARGE", "CHARGED"));

        Saga saga = rows.of(order.getOrderId()).orElseThrow();
        assertThat(saga.status()).isEqualTo("COMPLETED");
        assertThat(saga.finishedBy()).isEqualTo(INSTANCE);
        // the mark follows the outcome by up to outcome-marks.linger
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(rows.of(order.getOrderId()).orElseThrow().outcomePublished()).isTrue());
        assertThat(rows.steps(saga.sagaId())).extracting(SagaRows.Step::compensationUri)
                .containsExactly("direct://release-stock", "direct://refund-payment");
        assertThat(rows.enlistedWithTheStart(saga.sagaId())).as("the reserve enlisted in the saga's start")
                .containsExactly(1);
        assertThat(rows.steps(saga.sagaId()).get(1).options()).contains("\"accountId\": \"" + account + "\"")
                .contains("\"amount\": \"2000\"").contains("\"operationKey\": \"" + saga.sagaId() + "/charge\"");
        awaitHistory(order.getOrderId());
        assertThat(traffic.executions(order.getOrderId(), Stage.STARTED)).hasSize(1);
        assertThat(traffic.executions(order.getOrderId(), Stage.FINISHED)).singleElement()
                .satisfies(finished -> assertThat(finished.getExecutorId()).isEqualTo(INSTANCE));
        assertThat(traffic.executions(order.getOrderId()))
                .as("the saga's steps, for the order's history")
                .extracting(OrderExecution::getStage, OrderExecution::getService)
                .containsExactly(tuple(Stage.STARTED, ""), tuple(Stage.RESERVING, ""),
                        tuple(Stage.PARTICIPANT_REPLIED, "stock"), tuple(Stage.CHARGING, ""),
                        tuple(Stage.PARTICIPANT_REPLIED, "payment"), tuple(Stage.FINISHED, ""));
        assertThat(traffic.executions(order.getOrderId(), Stage.CHARGING)).singleElement()
                .satisfies(charging -> assertThat(charging.getEvent()).isEqualTo("charging 2000"));
        await().atMost(PATIENCE).until(traffic::everythingCommitted);
    }

    @Test
    void outOfStockRejectsTheOrderWithTheReasonAndChargesNothing() {
        String book = book(1);
        String account = account(5000);
        OrderApproved order = OrderTraffic.order(id(), 1, account, book, 2, 1000);

        traffic.publish(order);

        OrderOutcome outcome = awaitOutcome(order.getOrderId());
        assertThat(outcome.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(outcome.getReason()).isEqualTo("out of stock: " + book);
        assertThat(participants.handled(order.getOrderId())).extracting(Handled::kind, Handled::outcome)
                .as("a refused reserve has nothing to release").containsExactly(tuple("RESERVE", "OUT_OF_STOCK"));
        assertThat(participants.creditOf(account)).isEqualTo(5000);
        assertThat(participants.stockOf(book)).isEqualTo(1);
        assertThat(rows.of(order.getOrderId()).orElseThrow().status()).isEqualTo("COMPENSATED");
    }

    @Test
    void insufficientCreditRejectsTheOrderAndReleasesTheStock() {
        String book = book(5);
        String account = account(10);
        OrderApproved order = OrderTraffic.order(id(), 1, account, book, 2, 1000);

        traffic.publish(order);

        OrderOutcome outcome = awaitOutcome(order.getOrderId());
        assertThat(outcome.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(outcome.getReason()).startsWith("insufficient credit");
        assertThat(participants.stockOf(book)).isEqualTo(5);
        assertThat(participants.creditOf(account)).isEqualTo(10);
        assertThat(participants.handled(order.getOrderId())).extracting(Handled::kind, Handled::outcome)
                .containsExactly(tuple("RESERVE", "RESERVED"), tuple("CHARGE", "INSUFFICIENT_CREDIT"),
                        tuple("RELEASE", "RELEASED"));
        assertThat(awaitHistory(order.getOrderId())).extracting(OrderExecution::getStage)
                .containsExactly(Stage.STARTED, Stage.RESERVING, Stage.PARTICIPANT_REPLIED, Stage.CHARGING,
                        Stage.PARTICIPANT_REPLIED, Stage.COMPENSATING, Stage.PARTICIPANT_REPLIED, Stage.FINISHED);
        assertThat(traffic.executions(order.getOrderId(), Stage.PARTICIPANT_REPLIED).get(1).getEvent())
                .startsWith("insufficient credit");
    }

    @Test
    void theLeaderSendsCommandsCompensationsAndOutcomesThroughOneKafkaProducer() throws Exception {
        String book = book(5);
        String account = account(10);
        OrderApproved order = OrderTraffic.order(id(), 1, account, book, 2, 1000);

        traffic.publish(order);

        assertThat(awaitOutcome(order.getOrderId()).getStatus()).isEqualTo(Status.REJECTED);
        awaitHistory(order.getOrderId());
        assertThat(participants.handled(order.getOrderId())).extracting(Handled::kind)
                .containsExactly("RESERVE", "CHARGE", "RELEASE");
        // each Kafka producer registers its per-topic meters under its own client id when it first sends to a topic
        Map<String, Set<String>> producersByTopic = new TreeMap<>();
        for (ObjectName meters : ManagementFactory.getPlatformMBeanServer().queryNames(
                new ObjectName("kafka.producer:type=producer-topic-metrics,*"), null)) {
            producersByTopic.computeIfAbsent(meters.getKeyProperty("topic"), topic -> new TreeSet<>())
                    .add(meters.getKeyProperty("client-id"));
        }
        List<String> sagaTopics = List.of(TOPICS.stockCommands(), TOPICS.paymentCommands(), TOPICS.outcomes());
        assertThat(producersByTopic).containsKeys(TOPICS.stockCommands(), TOPICS.paymentCommands(),
                TOPICS.outcomes(), TOPICS.executions(), TOPICS.approved());
        Set<String> saga = new TreeSet<>();
        sagaTopics.forEach(topic -> saga.addAll(producersByTopic.get(topic)));
        assertThat(saga).as("the producers of the commands, compensations and outcomes").hasSize(1);
        assertThat(producersByTopic.get(TOPICS.executions())).as("the progress events' own, lingering longer")
                .hasSize(1).doesNotContainAnyElementsOf(saga);
        assertThat(producersByTopic.get(TOPICS.approved())).as("the test's own producer")
                .isNotEmpty().doesNotContainAnyElementsOf(saga);
    }

    @Test
    void theSagaMetersShowItsDurationItsCompensationTheQueueAndTheRoutes() {
        double compensations = meters.get("executor.saga.compensations").counter().count();
        long compensatedDurations = durations("COMPENSATED");
        OrderApproved order = OrderTraffic.order(id(), 1, account(10), book(5), 2, 1000);

        traffic.publish(order);

        assertThat(awaitOutcome(order.getOrderId()).getStatus()).isEqualTo(Status.REJECTED);
        assertThat(meters.get("executor.saga.compensations").counter().count()).isEqualTo(compensations + 1);
        assertThat(durations("COMPENSATED")).isEqualTo(compensatedDurations + 1);
        assertThat(meters.get("executor.sagas.needing.attention").gauge().value()).isNotNegative();
        assertThat(meters.find("executor.queue.depth").gauges()).as("a gauge per tier that has queued an order")
                .isNotEmpty().allSatisfy(depth -> assertThat(depth.value()).isNotNegative());
        for (String route : List.of("order-execution", "checkout-saga")) {
            assertThat(meters.find("camel.exchanges.total").tag("routeId", route).counter())
                    .as("the exchange counter of route %s", route).isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isPositive());
        }
    }

    @Test
    void aPaymentServiceThatIsDownDelaysTheSagaWhichCompletesWhenItIsBack() {
        String book = book(5);
        String account = account(5000);
        OrderApproved order = OrderTraffic.order(id(), 1, account, book, 1, 1000);
        participants.paymentDown();

        traffic.publish(order);
        await().atMost(PATIENCE).until(() -> participants.handled(order.getOrderId(), "RESERVE") == 1
                && rows.steps(order.getOrderId() + "/1").size() == 2);
        assertThat(traffic.outcomes(order.getOrderId())).isEmpty();
        participants.paymentUp();

        assertThat(awaitOutcome(order.getOrderId()).getStatus()).isEqualTo(Status.PAID);
        assertThat(participants.stockOf(book)).isEqualTo(4);
        assertThat(participants.creditOf(account)).isEqualTo(4000);
    }

    @Test
    void aCompensationThatFailsTwiceIsRetriedUntilItSucceeds() {
        String book = book(5);
        String account = account(10);
        OrderApproved order = OrderTraffic.order(id(), 1, account, book, 3, 1000);
        participants.swallowReleases(order.getOrderId(), 2);

        traffic.publish(order);

        OrderOutcome outcome = awaitOutcome(order.getOrderId());
        assertThat(outcome.getStatus()).isEqualTo(Status.REJECTED);
        assertThat(participants.handled(order.getOrderId())).filteredOn(command -> command.kind().equals("RELEASE"))
                .extracting(Handled::outcome).containsExactly(null, null, "RELEASED");
        assertThat(participants.stockOf(book)).isEqualTo(5);
        assertThat(participants.creditOf(account)).isEqualTo(10);
    }

    @Test
    void aFinishedSagaDeliveredAgainPublishesItsOutcomeAgainAndRunsNothing() throws Exception {
        double redeliveredBefore = orders("redelivered");
        OrderApproved order = OrderTraffic.order(id(), 1, account(5000), book(5), 1, 1000);
        traffic.publish(order);
        awaitOutcome(order.getOrderId());
        // until its mark is written (outcome-marks.linger), the saga is still ending and a redelivery leaves it be
        await().atMost(PATIENCE).until(() -> rows.of(order.getOrderId()).orElseThrow().outcomePublished());

        traffic.publish(order);

        await().atMost(PATIENCE).until(() -> traffic.outcomes(order.getOrderId()).size() == 2
                && traffic.everythingCommitted());
        assertThat(traffic.outcomes(order.getOrderId())).extracting(OrderOutcome::getStatus)
                .containsExactly(Status.PAID, Status.PAID);
        assertThat(participants.handled(order.getOrderId())).extracting(Handled::kind)
                .containsExactly("RESERVE", "CHARGE");
        assertThat(rows.of(List.of(order.getOrderId()))).hasSize(1);
        assertThat(orders("redelivered")).isEqualTo(redeliveredBefore + 1);
    }

    @Test
    void aSecondAttemptAfterARejectionIsASagaOfItsOwn() {
        String book = book(5);
        String account = account(500);
        String orderId = id();
        traffic.publish(OrderTraffic.order(orderId, 1, account, book, 1, 1000));
        assertThat(awaitOutcome(orderId).getStatus()).isEqualTo(Status.REJECTED);
        participants.credit(account, 1000);

        traffic.publish(OrderTraffic.order(orderId, 2, account, book, 1, 1000));

        await().atMost(PATIENCE).until(() -> traffic.outcomes(orderId).size() == 2);
        assertThat(traffic.outcomes(orderId)).extracting(OrderOutcome::getAttempt, OrderOutcome::getStatus)
                .containsExactly(tuple(1, Status.REJECTED), tuple(2, Status.PAID));
        assertThat(participants.handled(orderId)).filteredOn(command -> command.kind().equals("CHARGE"))
                .extracting(Handled::operationKey).containsExactly(orderId + "/1/charge", orderId + "/2/charge");
        assertThat(participants.stockOf(book)).isEqualTo(4);
        assertThat(participants.creditOf(account)).isZero();
    }

    @Test
    void aFailedOutcomePublishIsRetriedAfterTheFinalStateIsDurable() {
        OrderApproved order = OrderTraffic.order(id(), 1, account(5000), book(5), 1, 1000);
        FAIL_FIRST_OUTCOME.add(order.getOrderId());

        traffic.publish(order);

        assertThat(awaitOutcome(order.getOrderId()).getStatus()).isEqualTo(Status.PAID);
        assertThat(FAIL_FIRST_OUTCOME).doesNotContain(order.getOrderId());
        assertThat(traffic.outcomes(order.getOrderId())).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(rows.of(order.getOrderId()).orElseThrow().outcomePublished()).isTrue());
    }

    @Test
    void anUnreadableRecordIsSkippedAndCommittedPast() {
        double unreadableBefore = orders("unreadable");
        traffic.publishUnreadable();
        OrderApproved order = OrderTraffic.order(id(), 1, account(5000), book(5), 1, 1000);
        traffic.publish(order);

        awaitOutcome(order.getOrderId());
        await().atMost(PATIENCE).until(traffic::everythingCommitted);
        assertThat(orders("unreadable")).isEqualTo(unreadableBefore + 1);
    }

    private static OrderOutcome awaitOutcome(String orderId) {
        return await().atMost(PATIENCE).until(() -> traffic.outcome(orderId), Optional::isPresent)
                .orElseThrow();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String book(long units) {
        String book = "book-" + UUID.randomUUID();
        participants.stock(book, units);
        return book;
    }

    private static String account(long credit) {
        String account = "account-" + UUID.randomUUID();
        participants.credit(account, credit);
        return account;
    }

    private long durations(String status) {
        var timer = meters.find("executor.saga.duration").tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private double orders(String outcome) {
        var counter = meters.find("executor.orders").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The history is sent behind the saga's back: its last event, FINISHED, may come after the outcome. */
    private List<OrderExecution> awaitHistory(String orderId) {
        await().atMost(PATIENCE).until(() -> !traffic.executions(orderId, Stage.FINISHED).isEmpty());
        return traffic.executions(orderId);
    }
}
