package io.bookstore.orchestrator.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the offsets of the records a queue consumer's route has recorded: each partition's latest, at most once per
 * interval, without waiting for the broker. Kafka's auto-commit would commit the consumer's position, past a record
 * whose retries a stop cut short; Camel's commit managers commit after every poll, a request the broker appends to its
 * offsets log for about every record at a steady rate. A crash or a rebalance redelivers up to an interval of
 * records, which the routes record once. The consumer's endpoint takes
 * {@code autoCommitEnable=false&allowManualCommit=true&kafkaManualCommitFactory=#class:<Handles>}; a record that
 * fails must stop its poll there ({@code breakOnFirstError=true}), or a later record's offset would cover it. Used by
 * the consumer's thread only.
 */
final class RecordedOffsets {

    private static final Logger log = LoggerFactory.getLogger(RecordedOffsets.class);

    private final long intervalNanos;
    private final Map<TopicPartition, Handle> latest = new HashMap<>();
    private long lastCommit = System.nanoTime();

    RecordedOffsets(long intervalMs) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    void recorded(Exchange record) {
        remember(record);
        commitWhenDue();
    }

    void recorded(List<Exchange> records) {
        records.forEach(this::remember);
        commitWhenDue();
    }

    private void remember(Exchange record) {
        Handle handle = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, Handle.class);
        latest.put(handle.partition(), handle);
    }

    private void commitWhenDue() {
        long now = System.nanoTime();
        if (now - lastCommit < intervalNanos) {
            return;
        }
        lastCommit = now;
        Map<Consumer<?, ?>, Map<TopicPartition, OffsetAndMetadata>> offsets = new HashMap<>();
        latest.forEach((partition, handle) -> offsets.computeIfAbsent(handle.consumer(), consumer -> new HashMap<>())
                .put(partition, new OffsetAndMetadata(handle.offset() + 1)));
        latest.clear();
        offsets.forEach((consumer, committed) -> {
            try {
                consumer.commitAsync(committed, (done, failure) -> {
                    if (failure != null) {
                        log.warn("could not commit {}: {}", committed, failure.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                // the consumer was closed (it reconnected after a failed record) or lost its partitions: they come again
                log.warn("could not commit {}: {}", committed, e.getMessage());
            }
        });
    }

    /** A record's consumer, partition and offset, handed to the route in place of a commit of Camel's. */
    record Handle(Consumer<?, ?> consumer, TopicPartition partition, long offset) implements KafkaManualCommit {

        @Override
        public void commit() {
            throw new UnsupportedOperationException("a queue consumer's offsets are committed by RecordedOffsets");
        }
    }

    /** Makes the handles; a factory not Camel's own also leaves its commit managers with nothing to commit. */
    public static final class Handles implements KafkaManualCommitFactory {

        @Override
        public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
                                             CommitManager commitManager) {
            return new Handle(exchange.consumer, record.partition, record.recordOffset);
        }
    }
}
