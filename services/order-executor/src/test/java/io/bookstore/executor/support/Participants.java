package io.bookstore.executor.support;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.saga.PaymentCommand;
import io.bookstore.contracts.saga.PaymentReply;
import io.bookstore.contracts.saga.StockCommand;
import io.bookstore.contracts.saga.StockLine;
import io.bookstore.contracts.saga.StockReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stock and payment as the saga sees them, over real Kafka and by their contract (saga.proto and the services'
 * READMEs), with the state in memory: each command applied once per (operation key, kind), a repeated one answered
 * with its recorded outcome, an undo before its action leaving a tombstone that refuses the late action.
 * Failures are injected deterministically: a participant taken down stops reading its commands (they wait in Kafka
 * until it is back), and the next RELEASEs of an order can be swallowed without an answer (a failed compensation).
 */
public final class Participants implements AutoCloseable {

    /** A command a participant applied, and what it answered (null: swallowed, no answer). */
    public record Handled(String participant, String kind, String operationKey, String orderId, String outcome) {
    }

    private record Operation(String outcome, String reason, Map<String, Long> taken, String accountId) {
    }

    private final Map<String, Long> stock = new ConcurrentHashMap<>();
    private final Map<String, Long> credit = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> swallowReleases = new ConcurrentHashMap<>();
    private final List<Handled> handled = new ArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final String repliesTopic;
    private final Participant stockService;
    private final Participant paymentService;

    public Participants(String stockTopic, String paymentTopic, String repliesTopic) {
        this.repliesTopic = repliesTopic;
        Topics.create(stockTopic, paymentTopic, repliesTopic);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(properties);
        stockService = new Participant("stock", stockTopic, this::stockCommand);
        paymentService = new Participant("payment", paymentTopic, this::paymentCommand);
    }

    public Participants stock(String itemId, long units) {
        stock.put(itemId, units);
        return this;
    }

    public Participants credit(String accountId, long amount) {
        credit.put(accountId, amount);
        return this;
    }

    public long stockOf(String itemId) {
        return stock.getOrDefault(itemId, 0L);
    }

    public long creditOf(String accountId) {
        return credit.getOrDefault(accountId, 0L);
    }

    /** Stops reading payment commands; returns once the payment service reads no more. */
    public void paymentDown() {
        paymentService.down();
    }

    public void paymentUp() {
        paymentService.up();
    }

    /** The next RELEASEs of the order are received and dropped: no stock change, no answer. */
    public void swallowReleases(String orderId, int times) {
        swallowReleases.put(orderId, new AtomicInteger(times));
    }

    public synchronized List<Handled> handled() {
        return List.copyOf(handled);
    }

    public List<Handled> handled(String orderId) {
        return handled().stream().filter(command -> command.orderId().equals(orderId)).toList();
    }

    public long handled(String orderId, String kind) {
        return handled(orderId).stream().filter(command -> command.kind().equals(kind)).count();
    }

    private synchronized void record(Handled command) {
        handled.add(command);
    }

    private void stockCommand(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        StockCommand command = StockCommand.parseFrom(record.value());
        String key = command.getOperationKey();
        String kind = command.getKind().name();
        if (command.getKind() == StockCommand.Kind.RELEASE) {
            AtomicInteger swallow = swallowReleases.get(command.getOrderId());
            if (swallow != null && swallow.getAndDecrement() > 0) {
                record(new Handled("stock", kind, key, command.getOrderId(), null));
                return;
            }
        }
        Operation operation = switch (command.getKind()) {
            case RESERVE -> operations.computeIfAbsent(key + "#RESERVE", k -> reserve(command));
            case RELEASE -> operations.computeIfAbsent(key + "#RELEASE", k -> release(key));
            default -> throw new IllegalArgumentException("unexpected stock command " + command.getKind());
        };
        record(new Handled("stock", kind, key, command.getOrderId(), operation.outcome()));
        reply(command.getOrderId(), StockReply.newBuilder()
                .setOperationKey(key)
                .setOrderId(command.getOrderId())
                .setOutcome(StockReply.Outcome.valueOf(operation.outcome()))
                .setReason(operation.reason())
                .setClock(VectorClocks.toProto(VectorClocks.fromProto(command.getClock()).tick("stock")))
                .setParticipant("stock")
                .build().toByteArray());
    }

    private synchronized Operation reserve(StockCommand command) {
        if (operations.containsKey(command.getOperationKey() + "#RELEASE")) {
            return new Operation("REFUSED_AFTER_UNDO", "refused: already released", Map.of(), null);
        }
        Map<String, Long> wanted = new HashMap<>();
        for (StockLine line : command.getLinesList()) {
            wanted.merge(line.getItemId(), (long) line.getQuantity(), Long::sum);
        }
        for (Map.Entry<String, Long> line : wanted.entrySet()) {
            if (!stock.containsKey(line.getKey())) {
                return new Operation("UNKNOWN_ITEM", "unknown item: " + line.getKey(), Map.of(), null);
            }
            if (stock.get(line.getKey()) < line.getValue()) {
                return new Operation("OUT_OF_STOCK", "out of stock: " + line.getKey(), Map.of(), null);
            }
        }
        wanted.forEach((item, units) -> stock.merge(item, -units, Long::sum));
        return new Operation("RESERVED", "reserved " + wanted, wanted, null);
    }

    private synchronized Operation release(String key) {
        Operation reserved = operations.get(key + "#RESERVE");
        if (reserved == null || !reserved.outcome().equals("RESERVED")) {
            return new Operation("RELEASED", "nothing was reserved", Map.of(), null);
        }
        reserved.taken().forEach((item, units) -> stock.merge(item, units, Long::sum));
        return new Operation("RELEASED", "released " + reserved.taken(), Map.of(), null);
    }

    private void paymentCommand(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        PaymentCommand command = PaymentCommand.parseFrom(record.value());
        String key = command.getOperationKey();
        Operation operation = switch (command.getKind()) {
            case CHARGE -> operations.computeIfAbsent(key + "#CHARGE", k -> charge(command));
            case REFUND -> operations.computeIfAbsent(key + "#REFUND", k -> refund(key));
            default -> throw new IllegalArgumentException("unexpected payment command " + command.getKind());
        };
        record(new Handled("payment", command.getKind().name(), key, command.getOrderId(), operation.outcome()));
        reply(command.getOrderId(), PaymentReply.newBuilder()
                .setOperationKey(key)
                .setOrderId(command.getOrderId())
                .setOutcome(PaymentReply.Outcome.valueOf(operation.outcome()))
                .setReason(operation.reason())
                .setClock(VectorClocks.toProto(VectorClocks.fromProto(command.getClock()).tick("payment")))
                .setParticipant("payment")
                .build().toByteArray());
    }

    private synchronized Operation charge(PaymentCommand command) {
        if (operations.containsKey(command.getOperationKey() + "#REFUND")) {
            return new Operation("REFUSED_AFTER_UNDO", "refused: this charge was already refunded", Map.of(), null);
        }
        Long available = credit.get(command.getAccountId());
        if (available == null) {
            return new Operation("UNKNOWN_ACCOUNT", "unknown account: " + command.getAccountId(), Map.of(), null);
        }
        if (available < command.getAmount()) {
            return new Operation("INSUFFICIENT_CREDIT", "insufficient credit: " + available + " available, "
                    + command.getAmount() + " needed", Map.of(), null);
        }
        credit.merge(command.getAccountId(), -command.getAmount(), Long::sum);
        return new Operation("CHARGED", "charged " + command.getAmount(),
                Map.of(command.getAccountId(), command.getAmount()), command.getAccountId());
    }

    private synchronized Operation refund(String key) {
        Operation charged = operations.get(key + "#CHARGE");
        if (charged == null || !charged.outcome().equals("CHARGED")) {
            return new Operation("REFUNDED", "nothing was charged", Map.of(), null);
        }
        charged.taken().forEach((account, amount) -> credit.merge(account, amount, Long::sum));
        return new Operation("REFUNDED", "refunded " + charged.taken(), Map.of(), null);
    }

    private void reply(String orderId, byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(repliesTopic, orderId, payload);
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not reply on " + repliesTopic, e);
        }
    }

    @Override
    public void close() {
        stockService.close();
        paymentService.close();
        producer.close();
    }

    private interface CommandHandler {
        void handle(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException;
    }

    /** One participant's consumer: every partition of its command topic, from the beginning, on its own thread. */
    private static final class Participant {

        private final Thread thread;
        private final KafkaConsumer<String, byte[]> consumer;
        private final CommandHandler handler;
        private final String topic;
        private volatile boolean running = true;
        private volatile boolean wantDown;
        private volatile CountDownLatch downConfirmed = new CountDownLatch(0);

        Participant(String name, String topic, CommandHandler handler) {
            this.topic = topic;
            this.handler = handler;
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
            consumer = new KafkaConsumer<>(properties);
            thread = new Thread(this::run, name + "-double");
            thread.setDaemon(true);
            thread.start();
        }

        void down() {
            CountDownLatch confirmed = new CountDownLatch(1);
            downConfirmed = confirmed;
            wantDown = true;
            try {
                if (!confirmed.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(topic + " consumer did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void up() {
            wantDown = false;
        }

        private void run() {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            boolean paused = false;
            while (running) {
                if (wantDown && !paused) {
                    consumer.pause(partitions);
                    paused = true;
                    downConfirmed.countDown();
                } else if (!wantDown && paused) {
                    consumer.resume(partitions);
                    paused = false;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    try {
                        handler.handle(record);
                    } catch (InvalidProtocolBufferException | RuntimeException e) {
                        throw new IllegalStateException("the " + topic + " double failed on offset "
                                + record.offset(), e);
                    }
                }
            }
            consumer.close();
        }

        private List<TopicPartition> partitions() {
            while (running) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
                }
            }
            return List.of();
        }

        void close() {
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
