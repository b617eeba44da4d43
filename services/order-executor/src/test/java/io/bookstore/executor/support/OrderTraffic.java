package io.bookstore.executor.support;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.contracts.causality.VectorClock;
import io.bookstore.contracts.order.CardTier;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.PricedLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's Kafka side, playing the orchestrator: publishes approved orders (as its outbox relay would, key = order
 * id, header tier) and reads what the executors publish: OrderExecution events and OrderOutcomes.
 */
public final class OrderTraffic implements AutoCloseable {

    public static final int PARTITIONS = Topics.PARTITIONS;
    /** The book of the default order, its price, and the account that pays for it. */
    public static final String BOOK = "9780000000001";
    public static final long PRICE = 1999;
    public static final String ACCOUNT = "account-1";

    private final SagaTopics topics;
    private final String groupId;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> events;
    private final List<OrderExecution> executions = new ArrayList<>();
    private final List<OrderOutcome> outcomes = new ArrayList<>();

    public OrderTraffic(SagaTopics topics, String groupId) {
        this.topics = topics;
        this.groupId = groupId;
        String brokers = System.getProperty("KAFKA_BOOTSTRAP_SERVERS");
        Topics.create(topics.approved(), topics.executions(), topics.outcomes());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(producerProperties);
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        events = new KafkaConsumer<>(consumerProperties);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(topics.executions(), partition));
            partitions.add(new TopicPartition(topics.outcomes(), partition));
        }
        events.assign(partitions);
        events.seekToBeginning(events.assignment());
    }

    /** A published approved order: where it landed in orders.approved. */
    public record Published(String orderId, String tier, int partition, long offset) {
    }

    /** An order of one line of the given book, paid from the given account, with the orchestrator's clock. */
    public static OrderApproved order(String orderId, int attempt, String accountId, String itemId, int quantity,
                                      long unitPrice) {
        return OrderApproved.newBuilder()
                .setOrderId(orderId)
                .setTier(CardTier.CARD_TIER_NONE)
                .addLines(PricedLine.newBuilder().setItemId(itemId).setTitle("A Test Book")
                        .setQuantity(quantity).setUnitPrice(unitPrice))
                .setAccountId(accountId)
                .setTotal(quantity * unitPrice)
                .setAttempt(attempt)
                .setClock(VectorClock.newBuilder().putEntries("orchestrator", 5))
                .build();
    }

    public Published publish(String tier) {
        return publish(UUID.randomUUID().toString(), tier);
    }

    /** One copy of the default book, paid from the default account. */
    public Published publish(String orderId, String tier) {
        OrderApproved order = order(orderId, 1, ACCOUNT, BOOK, 1, PRICE).toBuilder()
                .setTier(switch (tier) {
                    case "Premium" -> CardTier.CARD_TIER_PREMIUM;
                    case "Basic" -> CardTier.CARD_TIER_BASIC;
                    default -> CardTier.CARD_TIER_NONE;
                })
                .build();
        return send(orderId, tier, order.toByteArray());
    }

    public Published publish(OrderApproved order) {
        return send(order.getOrderId(), "None", order.toByteArray());
    }

    /** Publishes a record that is not an OrderApproved at all. */
    public Published publishUnreadable() {
        return send(UUID.randomUUID().toString(), "None", "not a protobuf message".getBytes(StandardCharsets.UTF_8));
    }

    private Published send(String orderId, String tier, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.approved(), orderId, value);
        record.headers().add("tier", tier.getBytes(StandardCharsets.UTF_8));
        try {
            RecordMetadata metadata = producer.send(record).get();
            return new Published(orderId, tier, metadata.partition(), metadata.offset());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not publish order " + orderId, e);
        }
    }

    public List<Published> publish(List<String> tiers) {
        return tiers.stream().map(this::publish).toList();
    }

    private synchronized void poll() {
        for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
            try {
                if (record.topic().equals(topics.executions())) {
                    executions.add(OrderExecution.parseFrom(record.value()));
                } else {
                    outcomes.add(OrderOutcome.parseFrom(record.value()));
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("an unreadable event at " + record.topic() + " offset "
                        + record.offset(), e);
            }
        }
    }

    /** Every OrderExecution event published so far. */
    public synchronized List<OrderExecution> executions() {
        poll();
        return List.copyOf(executions);
    }

    public List<OrderExecution> executions(OrderExecution.Stage stage) {
        return executions().stream().filter(event -> event.getStage() == stage).toList();
    }

    public List<OrderExecution> executions(String orderId) {
        return executions().stream().filter(event -> event.getOrderId().equals(orderId)).toList();
    }

    public List<OrderExecution> executions(String orderId, OrderExecution.Stage stage) {
        return executions(stage).stream().filter(event -> event.getOrderId().equals(orderId)).toList();
    }

    /** Every OrderOutcome published so far. */
    public synchronized List<OrderOutcome> outcomes() {
        poll();
        return List.copyOf(outcomes);
    }

    public List<OrderOutcome> outcomes(String orderId) {
        return outcomes().stream().filter(outcome -> outcome.getOrderId().equals(orderId)).toList();
    }

    /** The first outcome published for the order, once there is one. */
    public Optional<OrderOutcome> outcome(String orderId) {
        return outcomes(orderId).stream().findFirst();
    }

    /** Whether the executors' committed offsets cover every record published to orders.approved. */
    public boolean everythingCommitted() throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            latest.put(new TopicPartition(topics.approved(), partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() == end.getValue());
    }

    /** The committed offset of a partition of orders.approved, or -1 when none is committed. */
    public long committedOffset(int partition) throws InterruptedException, ExecutionException {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topics.approved(), partition));
        return offset == null ? -1 : offset.offset();
    }

    @Override
    public void close() {
        producer.close();
        events.close();
        admin.close();
    }
}
