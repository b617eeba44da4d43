package io.bookstore.stock.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.contracts.causality.VectorClock;
import io.bookstore.contracts.saga.StockCommand;
import io.bookstore.contracts.saga.StockLine;
import io.bookstore.contracts.saga.StockReply;
import io.bookstore.contracts.saga.StockReply.Outcome;
import io.bookstore.testinfra.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

@RealInfrastructure(database = "stock")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stock.failure-injection.always-out-of-stock=Injected Out Of Stock Title",
        "stock.saga.redelivery-delay-ms=50"})
class StockCommandsTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camelContext;

    @Autowired
    StockLedger ledger;

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
        double first = handled("RESERVE", "RESERVED", false);
        double repeated = handled("RESERVE", "RESERVED", true);
        String itemId = item(null, 10);
        StockCommand reserve = reserve(order(), Map.of(itemId, 1));

        send(reserve, 1);
        send(reserve, 2);

        assertThat(handled("RESERVE", "RESERVED", false)).isEqualTo(first + 1);
        assertThat(handled("RESERVE", "RESERVED", true)).isEqualTo(repeated + 1);
        assertThat(meters.find("camel.exchanges.total").tag("routeId", "stock-commands").counter())
                .as("the route's exchange counter").isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isPositive());
    }

    private double handled(String kind, String outcome, boolean repeated) {
        Counter counter = meters.find("stock.commands").tag("kind", kind).tag("outcome", outcome)
                .tag("repeated", Boolean.toString(repeated)).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void reserveSubtractsEveryLineAndRepliesWithTheMergedClock() {
        String first = item(null, 10);
        String second = item(null, 10);
        StockCommand reserve = reserve(order(), Map.of(first, 2, second, 3));

        StockReply reply = send(reserve, 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.RESERVED);
        assertThat(reply.getReason()).startsWith("reserved ").contains("2 x " + first, "3 x " + second);
        assertThat(reply.getOrderId()).isEqualTo(reserve.getOrderId());
        assertThat(reply.getOperationKey()).isEqualTo(reserve.getOperationKey());
        assertThat(reply.getParticipant()).isEqualTo("stock");
        assertThat(reply.getClock().getEntriesMap()).as("the order's clock, with no other order's events in it")
                .containsExactlyInAnyOrderEntriesOf(Map.of("order-executor-1", 4L, "orchestrator", 2L, "stock", 1L));
        assertThat(stock(first)).isEqualTo(8);
        assertThat(stock(second)).isEqualTo(7);
    }

    @Test
    void aRepeatedReserveChangesStockOnceAndAnswersTheFirstOutcome() {
        String itemId = item(null, 10);
        StockCommand reserve = reserve(order(), Map.of(itemId, 4));

        send(reserve, 1);
        List<StockReply> replies = send(reserve, 2);

        assertThat(replies).extracting(StockReply::getOutcome).containsExactly(Outcome.RESERVED, Outcome.RESERVED);
        assertThat(stock(itemId)).isEqualTo(6);
    }

    @Test
    void deliveriesOfOneReserveAtTheSameTimeMoveTheStockOnceAndAllAnswerItsOutcome() throws Exception {
        String itemId = item(null, 10);
        String orderId = order();
        String operationKey = orderId + ":reserve:" + UUID.randomUUID();
        int deliveries = 8;
        ExecutorService consumers = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Decision>> decisions = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                decisions.add(consumers.submit(() -> {
                    start.await();
                    return ledger.reserve(operationKey, orderId, new TreeMap<>(Map.of(itemId, 3L)));
                }));
            }
            start.countDown();
            List<Decision> answered = new ArrayList<>();
            for (Future<Decision> decision : decisions) {
                answered.add(decision.get(30, TimeUnit.SECONDS));
            }

            assertThat(answered).extracting(Decision::outcome).containsOnly(Outcome.RESERVED);
            assertThat(answered).extracting(Decision::reason).containsOnly("reserved 3 x " + itemId);
            assertThat(answered).filteredOn(decision -> !decision.repeated()).as("the one that applied it").hasSize(1);
            assertThat(stock(itemId)).isEqualTo(7);
        } finally {
            consumers.shutdownNow();
        }
    }

    @Test
    void aRepeatedRefusedReserveStaysRefusedAfterARestock() {
        String itemId = item(null, 1);
        StockCommand reserve = reserve(order(), Map.of(itemId, 5));

        send(reserve, 1);
        jdbc.update("update items set stock = 100 where id = ?", itemId);
        List<StockReply> replies = send(reserve, 2);

        assertThat(replies).extracting(StockReply::getOutcome)
                .containsExactly(Outcome.OUT_OF_STOCK, Outcome.OUT_OF_STOCK);
        assertThat(stock(itemId)).isEqualTo(100);
    }

    @Test
    void releaseAddsBackExactlyWhatTheReserveSubtractedOnce() {
        String first = item(null, 10);
        String second = item(null, 10);
        String order = order();
        StockCommand reserve = reserve(order, Map.of(first, 2, second, 5));
        StockCommand release = release(reserve);

        send(reserve, 1);
        send(release, 2);
        List<StockReply> replies = send(release, 3);

        assertThat(replies).extracting(StockReply::getOutcome)
                .containsExactly(Outcome.RESERVED, Outcome.RELEASED, Outcome.RELEASED);
        assertThat(replies.get(2).getReason()).as("the repeat answers the recorded outcome")
                .startsWith("released ").contains("2 x " + first, "5 x " + second);
        assertThat(stock(first)).isEqualTo(10);
        assertThat(stock(second)).isEqualTo(10);
    }

    @Test
    void releaseBeforeReserveLeavesATombstoneThatRefusesTheLateReserve() {
        String itemId = item(null, 10);
        StockCommand reserve = reserve(order(), Map.of(itemId, 3));

        send(release(reserve), 1);
        List<StockReply> replies = send(reserve, 2);

        assertThat(replies).extracting(StockReply::getOutcome)
                .containsExactly(Outcome.RELEASED, Outcome.REFUSED_AFTER_UNDO);
        assertThat(stock(itemId)).isEqualTo(10);
    }

    @Test
    void aReserveWithOneShortLineChangesNothing() {
        String plenty = item(null, 10);
        String alsoPlenty = item(null, 10);
        String scarce = item("A Scarce Book " + UUID.randomUUID(), 1);

        StockReply reply = send(reserve(order(), Map.of(plenty, 1, scarce, 2, alsoPlenty, 1)), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.OUT_OF_STOCK);
        assertThat(reply.getReason()).startsWith("out of stock: A Scarce Book");
        assertThat(stock(plenty)).isEqualTo(10);
        assertThat(stock(alsoPlenty)).isEqualTo(10);
        assertThat(stock(scarce)).isEqualTo(1);
    }

    @Test
    void aReserveWithAnUnknownItemChangesNothing() {
        String known = item(null, 10);

        StockReply reply = send(reserve(order(), Map.of(known, 1, "no-such-item", 1)), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.UNKNOWN_ITEM);
        assertThat(reply.getReason()).contains("no-such-item");
        assertThat(stock(known)).isEqualTo(10);
    }

    @Test
    void aConfiguredTitleIsAlwaysOutOfStock() {
        String injected = item("Injected Out Of Stock Title", 1000);

        StockReply reply = send(reserve(order(), Map.of(injected, 1)), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.OUT_OF_STOCK);
        assertThat(reply.getReason()).isEqualTo("out of stock: Injected Out Of Stock Title");
        assertThat(stock(injected)).isEqualTo(1000);
    }

    @Test
    void anInvalidCommandGetsATypedReply() {
        String itemId = item(null, 10);

        StockReply reply = send(reserve(order(), Map.of(itemId, 0)), 1).get(0);

        assertThat(reply.getOutcome()).isEqualTo(Outcome.UNKNOWN_ITEM);
        assertThat(reply.getReason()).startsWith("invalid command");
        assertThat(stock(itemId)).isEqualTo(10);
    }

    @Test
    void aCommandThatMeetsADatabaseFailureIsNotCommittedAndIsAppliedOnceLater() {
        String itemId = item(null, 10);
        String order = order();
        StockCommand reserve = reserve(order, Map.of(itemId, 1));
        NotifyBuilder failed = new NotifyBuilder(camelContext).fromRoute("stock-commands").whenFailed(1).create();

        jdbc.execute("alter table operation_keys rename to operation_keys_unavailable");
        try {
            publish(reserve);
            assertThat(failed.matches(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            jdbc.execute("alter table operation_keys_unavailable rename to operation_keys");
        }
        StockCommand later = reserve(order, Map.of(itemId, 2));
        send(later, 1);

        assertThat(replies(reserve.getOperationKey(), 1)).hasSize(1)
                .extracting(StockReply::getOutcome).containsExactly(Outcome.RESERVED);
        assertThat(stock(itemId)).isEqualTo(7);
    }

    private String item(String title, long stock) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into items (id, title, author, price, stock) values (?, ?, ?, 100, ?)",
                id, title, title == null ? null : "Test Author", stock);
        return id;
    }

    private long stock(String itemId) {
        return jdbc.queryForObject("select stock from items where id = ?", Long.class, itemId);
    }

    private static String order() {
        return "order-" + UUID.randomUUID();
    }

    private static StockCommand reserve(String orderId, Map<String, Integer> lines) {
        StockCommand.Builder command = StockCommand.newBuilder()
                .setOperationKey(orderId + ":reserve:" + UUID.randomUUID())
                .setOrderId(orderId)
                .setKind(StockCommand.Kind.RESERVE)
                .setClock(VectorClock.newBuilder().putEntries("order-executor-1", 4).putEntries("orchestrator", 2));
        lines.forEach((itemId, quantity) ->
                command.addLines(StockLine.newBuilder().setItemId(itemId).setQuantity(quantity)));
        return command.build();
    }

    private static StockCommand release(StockCommand reserve) {
        return reserve.toBuilder().setKind(StockCommand.Kind.RELEASE).clearLines().build();
    }

    private static void publish(StockCommand command) {
        try {
            producer.send(new ProducerRecord<>("stock.commands", command.getOrderId(), command.toByteArray())).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + command, e);
        }
    }

    /** Publishes the command and returns every reply for its operation key once there are {@code expected}. */
    private static List<StockReply> send(StockCommand command, int expected) {
        publish(command);
        return replies(command.getOperationKey(), expected);
    }

    private static List<StockReply> replies(String operationKey, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "stock-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<StockReply> found = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("saga.replies"));
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    StockReply reply = parse(record.value());
                    if (reply.getOperationKey().equals(operationKey)) {
                        found.add(reply);
                    }
                }
            }
        }
        assertThat(found).as("replies for %s", operationKey).hasSizeGreaterThanOrEqualTo(expected);
        return found;
    }

    private static StockReply parse(byte[] value) {
        try {
            return StockReply.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException("not a StockReply", e);
        }
    }
}
