package io.bookstore.executor.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.springframework.stereotype.Component;

/**
 * The Kafka component's client factory (application.yaml names it: camel.component.kafka.kafka-client-factory): every
 * Kafka endpoint of this replica with the same producer settings sends through one Kafka producer. Camel gives each
 * endpoint of each route its own producer: the leader's commands (reserve, charge, release, refund) and outcomes went
 * through five, each with its own sender thread, its own connection and its own requests, so records sent within the
 * same linger went to the broker in as many requests. Kafka's producer is thread-safe and meant to be shared.
 * <p>
 * A shared producer is closed when the last endpoint using it stops (a route that stops with the leadership closes
 * only its share); the next one to start opens a new one. A transactional endpoint keeps a producer of its own;
 * consumers are Camel's own, one per route as before.
 */
@Component
public class SharedKafkaProducers implements KafkaClientFactory {

    private final KafkaClientFactory kafka = new DefaultKafkaClientFactory();
    private final Map<Properties, Shared> producers = new HashMap<>();

    @Override
    public synchronized Producer getProducer(Properties settings) {
        if (settings.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            // a transaction belongs to one endpoint's producer
            return kafka.getProducer(settings);
        }
        Shared shared = producers.computeIfAbsent(copy(settings), key -> new Shared(key, kafka.getProducer(key)));
        shared.users++;
        return new Share(shared);
    }

    @Override
    public Consumer getConsumer(Properties settings) {
        return kafka.getConsumer(settings);
    }

    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        return kafka.getBrokers(configuration);
    }

    private synchronized void release(Shared shared, Duration timeout) {
        if (--shared.users == 0) {
            producers.remove(shared.settings, shared);
            shared.producer.close(timeout);
        }
    }

    private static Properties copy(Properties settings) {
        Properties copy = new Properties();
        copy.putAll(settings);
        return copy;
    }

    private static final class Shared {

        private final Properties settings;
        private final Producer<Object, Object> producer;
        private int users;

        @SuppressWarnings("unchecked")
        private Shared(Properties settings, Producer<?, ?> producer) {
            this.settings = settings;
            this.producer = (Producer<Object, Object>) producer;
        }
    }

    /** One endpoint's use of a shared producer: closing it gives the share back, once. */
    private final class Share implements Producer<Object, Object> {

        private final Shared shared;
        private boolean closed;

        private Share(Shared shared) {
            this.shared = shared;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<Object, Object> record) {
            return shared.producer.send(record);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<Object, Object> record, Callback callback) {
            return shared.producer.send(record, callback);
        }

        @Override
        public void flush() {
            shared.producer.flush();
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return shared.producer.partitionsFor(topic);
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return shared.producer.metrics();
        }

        @Override
        public Uuid clientInstanceId(Duration timeout) {
            return shared.producer.clientInstanceId(timeout);
        }

        @Override
        public void close() {
            close(Duration.ofMillis(Long.MAX_VALUE));
        }

        @Override
        public void close(Duration timeout) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(shared, timeout);
        }

        @Override
        public void initTransactions() {
            shared.producer.initTransactions();
        }

        @Override
        public void beginTransaction() {
            shared.producer.beginTransaction();
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, String consumerGroupId) {
            shared.producer.sendOffsetsToTransaction(offsets, consumerGroupId);
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata groupMetadata) {
            shared.producer.sendOffsetsToTransaction(offsets, groupMetadata);
        }

        @Override
        public void commitTransaction() {
            shared.producer.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            shared.producer.abortTransaction();
        }
    }
}
