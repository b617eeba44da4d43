package io.bookstore.payment.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.contracts.causality.VectorClock;
import io.bookstore.contracts.saga.PaymentCommand;
import io.bookstore.contracts.saga.PaymentReply;
import io.bookstore.contracts.saga.PaymentReply.Outcome;
import io.bookstore.testinfra.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@RealInfrastructure(database = "payment")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "payment.card-credit-limit=50000",
        "payment.failure-injection.always-declined=card:always-declined",
        "payment.saga.redelivery-delay-ms=50"})
class PaymentCommandsTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camelContext;

    @Autowired
    PaymentLedger ledger;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void startProducer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(properties);
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    @Test
    void commandsAreCountedByKindOutcomeAndRepetitionAndTheRouteHasItsMeters() {
        double first = handled("CHARGE", "CHARGED", false);
        double repeated = handled("CHARGE", "CHARGED", true);
        PaymentCommand charge = charge(order(), account(100), 5);

        send(charge, 1);
        send(charge, 2);

        assertThat(handled("CHARGE", "CHARGED", false)).isEqualTo(first + 1);
        assertThat(handled("CHARGE", "CHARGED", true)).isEqualTo(repeated + 1);
        assertThat(meters.find("camel.exchanges.total").tag("routeId", "payment-commands").counter())
                .as("the route's exchange counter").isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isPositive());
    }

    private double handled(String kind, String outcome, boolean repeated) {
        Counter counter = meters.find("payment.commands").tag("kind", kind).tag("outcome", outcome)
                .tag("repeated", Boolean.toString(repeated)).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void chargeTakesTheAmountAndRepliesWithTheMergedClock() {
        String accountId = account(100);
        PaymentCommand charge = charge(order(), accountId, 30);

        PaymentReply reply = send(charge, 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.CHARGED);
        assertThat(reply.getReason()).isEqualTo("charged 30 to " + accountId + ", credit left 70");
        assertThat(reply.getOrderId()).isEqualTo(charge.getOrderId());
        assertThat(reply.getOperationKey()).isEqualTo(charge.getOperationKey());
        assertThat(reply.getParticipant()).isEqualTo("payment");
        assertThat(reply.getClock().getEntriesMap()).as("the order's clock, with no other order's events in it")
                .containsExactlyInAnyOrderEntriesOf(Map.of("order-executor-1", 4L, "orchestrator", 2L, "payment", 1L));
        assertThat(credit(accountId)).isEqualTo(70);
    }

    @Test
    void aRepeatedChargeChargesOnceAndAnswersTheFirstOutcome() {
        String accountId = account(100);
        PaymentCommand charge = charge(order(), accountId, 40);

        send(charge, 1);
        List<PaymentReply> replies = send(charge, 2);

        assertThat(replies).extracting(PaymentReply::getOutcome).containsExactly(Outcome.CHARGED, Outcome.CHARGED);
        assertThat(replies).extracting(PaymentReply::getReason).as("the repeat answers the recorded outcome")
                .containsOnly("charged 40 to " + accountId + ", credit left 60");
        assertThat(credit(accountId)).isEqualTo(60);
    }

    @Test
    void deliveriesOfOneChargeAtTheSameTimeChargeOnceAndAllAnswerItsOutcome() throws Exception {
        String accountId = account(100);
        String orderId = order();
        String operationKey = orderId + ":charge:" + UUID.randomUUID();
        int deliveries = 8;
        ExecutorService consumers = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Decision>> decisions = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                decisions.add(consumers.submit(() -> {
                    start.await();
                    return ledger.charge(operationKey, orderId, accountId, 40);
                }));
            }
            start.countDown();
            List<Decision> answered = new ArrayList<>();
            for (Future<Decision> decision : decisions) {
                answered.add(decision.get(30, TimeUnit.SECONDS));
            }

            assertThat(answered).extracting(Decision::outcome).containsOnly(Outcome.CHARGED);
            assertThat(answered).extracting(Decision::reason)
                    .containsOnly("charged 40 to " + accountId + ", credit left 60");
            assertThat(answered).filteredOn(decision -> !decision.repeated()).as("the one that applied it").hasSize(1);
            assertThat(credit(accountId)).isEqualTo(60);
        } finally {
            consumers.shutdownNow();
        }
    }

    @Test
    void aRepeatedRefusedChargeStaysRefusedAfterFundsArrive() {
        String accountId = account(10);
        PaymentCommand charge = charge(order(), accountId, 50);

        send(charge, 1);
        jdbc.update("update accounts set credit = 1000 where id = ?", accountId);
        List<PaymentReply> replies = send(charge, 2);

        assertThat(replies).extracting(PaymentReply::getOutcome)
                .containsExactly(Outcome.INSUFFICIENT_CREDIT, Outcome.INSUFFICIENT_CREDIT);
        assertThat(credit(accountId)).isEqualTo(1000);
    }

    @Test
    void refundGivesBackExactlyWhatTheChargeTookOnce() {
        String accountId = account(100);
        PaymentCommand charge = charge(order(), accountId, 25);
        PaymentCommand refund = refund(charge);

        send(charge, 1);
        send(refund, 2);
        List<PaymentReply> replies = send(refund, 3);

        assertThat(replies).extracting(PaymentReply::getOutcome)
                .containsExactly(Outcome.CHARGED, Outcome.REFUNDED, Outcome.REFUNDED);
        assertThat(credit(accountId)).isEqualTo(100);
    }

    @Test
    void refundBeforeChargeLeavesATombstoneThatRefusesTheLateCharge() {
        String accountId = account(100);
        PaymentCommand charge = charge(order(), accountId, 25);

        send(refund(charge), 1);
        List<PaymentReply> replies = send(charge, 2);

        assertThat(replies).extracting(PaymentReply::getOutcome)
                .containsExactly(Outcome.REFUNDED, Outcome.REFUSED_AFTER_UNDO);
        assertThat(credit(accountId)).isEqualTo(100);
    }

    @Test
    void anUnknownAccountIsNotCharged() {
        PaymentReply reply = send(charge(order(), "no-such-account", 1), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.UNKNOWN_ACCOUNT);
        assertThat(reply.getReason()).contains("no-such-account");
    }

    @Test
    void aCardAccountOpensOnItsFirstChargeWithTheCreditLimit() {
        String card = "card:" + UUID.randomUUID();

        PaymentReply first = send(charge(order(), card, 30_000), 1).get(0);
        PaymentReply second = send(charge(order(), card, 30_000), 1).get(0);

        assertThat(first.getOutcome()).isEqualTo(Outcome.CHARGED);
        assertThat(second.getOutcome()).isEqualTo(Outcome.INSUFFICIENT_CREDIT);
        assertThat(credit(card)).isEqualTo(20_000);
    }

    @Test
    void aConfiguredAccountIsAlwaysDeclined() {
        PaymentReply reply = send(charge(order(), "card:always-declined", 1), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.INSUFFICIENT_CREDIT);
        assertThat(jdbc.queryForObject("select count(*) from accounts where id = 'card:always-declined'", Long.class))
                .isZero();
    }

    @Test
    void anInvalidCommandGetsATypedReply() {
        String accountId = account(100);

        PaymentReply reply = send(charge(order(), accountId, -5), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.UNKNOWN_ACCOUNT);
        assertThat(reply.getReason()).startsWith("invalid command");
        assertThat(credit(accountId)).isEqualTo(100);
    }

    @Test
    void aCommandThatMeetsADatabaseFailureIsNotCommittedAndIsAppliedOnceLater() {
        String accountId = account(100);
        String order = order();
        PaymentCommand charge = charge(order, accountId, 10);
        NotifyBuilder failed = new NotifyBuilder(camelContext).fromRoute("payment-commands").whenFailed(1).create();

        jdbc.execute("alter table operation_keys rename to operation_keys_unavailable");
        try {
            publish(charge);
            assertThat(failed.matches(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            jdbc.execute("alter table operation_keys_unavailable rename to operation_keys");
        }
        send(charge(order, accountId, 20), 1);

        assertThat(replies(charge.getOperationKey(), 1)).hasSize(1)
                .extracting(PaymentReply::getOutcome).containsExactly(Outcome.CHARGED);
        assertThat(credit(accountId)).isEqualTo(70);
    }

    private String account(long credit) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into accounts (id, credit) values (?, ?)", id, credit);
        return id;
    }

    private long credit(String accountId) {
        return jdbc.queryForObject("select credit from accounts where id = ?", Long.class, accountId);
    }

    private static String order() {
        return "order-" + UUID.randomUUID();
    }

    private static PaymentCommand charge(String orderId, String accountId, long amount) {
        return PaymentCommand.newBuilder()
                .setOperationKey(orderId + ":charge:" + UUID.randomUUID())
                .setOrderId(orderId)
                .setKind(PaymentCommand.Kind.CHARGE)
                .setAccountId(accountId)
                .setAmount(amount)
                .setClock(VectorClock.newBuilder().putEntries("order-executor-1", 4).putEntries("orchestrator", 2))
                .build();
    }

    private static PaymentCommand refund(PaymentCommand charge) {
        return charge.toBuilder().setKind(PaymentCommand.Kind.REFUND).clearAccountId().clearAmount().build();
    }

    private static void publish(PaymentCommand command) {
        try {
            producer.send(new ProducerRecord<>("payment.commands", command.getOrderId(), command.toByteArray())).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + command, e);
        }
    }

    /** Publishes the command and returns every reply for its operation key once there are {@code expected}. */
    private static List<PaymentReply> send(PaymentCommand command, int expected) {
        publish(command);
        return replies(command.getOperationKey(), expected);
    }

    private static List<PaymentReply> replies(String operationKey, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<PaymentReply> found = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("saga.replies"));
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    PaymentReply reply = parse(record.value());
                    if (reply.getOperationKey().equals(operationKey)) {
                        found.add(reply);
                    }
                }
            }
        }
        assertThat(found).as("replies for %s", operationKey).hasSizeGreaterThanOrEqualTo(expected);
        return found;
    }

    private static PaymentReply parse(byte[] value) {
        try {
            return PaymentReply.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException("not a PaymentReply", e);
        }
    }
}
