package io.bookstore.executor.support;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.contracts.causality.VectorClock;
import io.bookstore.contracts.order.CardTier;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.PricedLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's Kafka side, playing the orchestrator: publishes approved orders (as its outbox relay would, key = order
 * id, header tier) and reads the OrderExecution events the executors publish.
 */
public final class OrderTraffic implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final String approvedTopic;
    private final String executionsTopic;
    private final String groupId;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> events;
    private final List<OrderExecution> received = new ArrayList<>();

    public OrderTraffic(String approvedTopic, String executionsTopic, String groupId) {
        this.approvedTopic = approvedTopic;
        this.executionsTopic = executionsTopic;
        this.groupId = groupId;
        String brokers = System.getProperty("KAFKA_BOOTSTRAP_SERVERS");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
        createTopic(approvedTopic);
        createTopic(executionsTopic);
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
            partitions.add(new TopicPartition(executionsTopic, partition));
        }
        events.assign(partitions);
        events.seekToBeginning(events.assignment());
    }

    private void createTopic(String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    /** A published approved order: where it landed in orders.approved. */
    public record Published(String orderId, String tier, int partition, long offset) {
    }

    public Published publish(String tier) {
        return publish(UUID.randomUUID().toString(), tier);
    }

    public Published publish(String orderId, String tier) {
        OrderApproved order = OrderApproved.newBuilder()
                .setOrderId(orderId)
                .setTier(switch (tier) {
                    case "Premium" -> CardTier.CARD_TIER_PREMIUM;
                    case "Basic" -> CardTier.CARD_TIER_BASIC;
                    default -> CardTier.CARD_TIER_NONE;
                })
                .addLines(PricedLine.newBuilder().setItemId("9780000000001").setTitle("A Test Book")
                        .setQuantity(1).setUnitPrice(1999))
                .setAccountId("account-1")
                .setTotal(1999)
                .setClock(VectorClock.newBuilder().putEntries("orchestrator", 5))
                .build();
        return send(orderId, tier, order.toByteArray());
    }

    /** Publishes a record that is not an OrderApproved at all. */
    public Published publishUnreadable() {
        return send(UUID.randomUUID().toString(), "None", "not a protobuf message".getBytes(StandardCharsets.UTF_8));
    }

    private Published send(String orderId, String tier, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(approvedTopic, orderId, value);
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

    /** Every OrderExecution event published so far. */
    public synchronized List<OrderExecution> executions() {
        for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
            try {
                received.add(OrderExecution.parseFrom(record.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("an unreadable OrderExecution at offset " + record.offset(), e);
            }
        }
        return List.copyOf(received);
    }

    public List<OrderExecution> executions(OrderExecution.Stage stage) {
        return executions().stream().filter(event -> event.getStage() == stage).toList();
    }

    /** Whether the executors' committed offsets cover every record published to orders.approved. */
    public boolean everythingCommitted() throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            latest.put(new TopicPartition(approvedTopic, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() == end.getValue());
    }

    /** The committed offset of a partition of orders.approved, or -1 when none is committed. */
    public long committedOffset(int partition) throws InterruptedException, ExecutionException {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(approvedTopic, partition));
        return offset == null ? -1 : offset.offset();
    }

    @Override
    public void close() {
        producer.close();
        events.close();
        admin.close();
    }
}
