package io.bookstore.orchestrator.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets of a batching Kafka consumer's records, committed only once their batch is recorded. Camel's batching
 * consumer gathers records across polls, so Kafka's periodic auto-commit could commit records still waiting in a
 * batch. Each partition's last recorded record is committed at most once per interval: each commit is a request the
 * consumer waits for (a commit per batch was a third of the records Kafka appended for the offsets of every consumer
 * of the stack, make bench). A crash redelivers, never loses, what was recorded since. For one consumer's thread.
 */
class RecordedOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedOffsets.class);

    private final String topic;
    private final long intervalNanos;
    private final Map<Integer, KafkaManualCommit> uncommitted = new HashMap<>();
    private long lastCommit = System.nanoTime();

    RecordedOffsets(String topic, long intervalMs) {
        this.topic = topic;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    /** The batch's records are recorded (a batch holds one topic's records). */
    void recorded(List<Exchange> records) {
        for (Exchange record : records) {
            Message message = record.getMessage();
            uncommitted.put(message.getHeader(KafkaConstants.PARTITION, Integer.class),
                    message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        long now = System.nanoTime();
        if (now - lastCommit >= intervalNanos) {
            lastCommit = now;
            uncommitted.forEach((partition, offset) -> {
                try {
                    offset.commit();
                } catch (RuntimeException e) {
                    // the partition moved to another consumer, or Kafka is away: its records may come again
                    LOG.warn("could not commit the offset of {} partition {}: {}", topic, partition, e.getMessage());
                }
            });
            uncommitted.clear();
        }
    }
}
