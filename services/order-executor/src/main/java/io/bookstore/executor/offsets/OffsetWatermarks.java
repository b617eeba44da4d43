package io.bookstore.executor.offsets;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Which offsets may be committed. The resequencer runs orders out of arrival order, so committing the offset of
 * the order just executed could skip an earlier one still waiting in its batch. Per partition, the committable
 * offset is the lowest one received but not yet acknowledged (or the one after the last received when every
 * received record is acknowledged): everything before it is durably executed.
 */
@Component
public final class OffsetWatermarks {

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** A record was handed to the route. Records of one partition arrive in offset order. */
    public synchronized void received(TopicPartition partition, long offset) {
        // the first record a consumer receives sits at the position it started from: nothing before it to commit
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition(offset));
        state.pending.add(offset);
        state.highestReceived = Math.max(state.highestReceived, offset);
    }

    /** A record's effect is durable (or it is harmlessly skipped); it no longer holds the watermark back. */
    public synchronized void acknowledged(TopicPartition partition, long offset) {
        Partition state = partitions.get(partition);
        if (state != null) {
            state.pending.remove(offset);
        }
    }

    /** The offsets to commit now: per partition, the next offset to read, where it moved since the last commit. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long watermark = state.watermark();
            if (watermark > state.committed) {
                offsets.put(partition, new OffsetAndMetadata(watermark));
            }
        });
        return offsets;
    }

    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            Partition state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, offset.offset());
            }
        });
    }

    /** A new Kafka consumer starts from the committed offsets; what the previous one received is read again. */
    public synchronized void reset() {
        partitions.clear();
    }

    private static final class Partition {
        private final TreeSet<Long> pending = new TreeSet<>();
        private long highestReceived;
        private long committed;

        Partition(long startingOffset) {
            highestReceived = startingOffset - 1;
            committed = startingOffset;
        }

        long watermark() {
            return pending.isEmpty() ? highestReceived + 1 : pending.first();
        }
    }
}
