package io.bookstore.executor.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetWatermarksTest {

    private static final TopicPartition P0 = new TopicPartition("orders.approved", 0);
    private static final TopicPartition P1 = new TopicPartition("orders.approved", 1);

    private final OffsetWatermarks watermarks = new OffsetWatermarks();

    @Test
    void nothingIsCommittedBeforeAnOrderIsAcknowledged() {
        watermarks.received(P0, 0);
        watermarks.received(P0, 1);

        assertThat(watermarks.toCommit()).isEmpty();
    }

    @Test
    void theCommitStopsAtTheLowestOrderStillUnacknowledged() {
        for (long offset = 0; offset < 5; offset++) {
            watermarks.received(P0, offset);
        }
        watermarks.acknowledged(P0, 4);
        watermarks.acknowledged(P0, 0);
        watermarks.acknowledged(P0, 1);
        watermarks.acknowledged(P0, 3);

        assertThat(watermarks.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));

        watermarks.acknowledged(P0, 2);

        assertThat(watermarks.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
    }

    @Test
    void partitionsMoveIndependently() {
        watermarks.received(P0, 10);
        watermarks.received(P1, 20);
        watermarks.received(P1, 21);
        watermarks.acknowledged(P1, 21);
        watermarks.acknowledged(P0, 10);

        assertThat(watermarks.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));
    }

    @Test
    void aCommittedWatermarkIsNotCommittedAgain() {
        watermarks.received(P0, 0);
        watermarks.acknowledged(P0, 0);
        watermarks.committed(watermarks.toCommit());

        assertThat(watermarks.toCommit()).isEmpty();

        watermarks.received(P0, 1);
        watermarks.acknowledged(P0, 1);

        assertThat(watermarks.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void offsetsThatAreNotRecordsAreCommittedPast() {
        watermarks.received(P0, 7);
        watermarks.received(P0, 9);
        watermarks.acknowledged(P0, 9);
        watermarks.acknowledged(P0, 7);

        assertThat(watermarks.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
    }

    @Test
    void afterAResetOnlyWhatTheNewConsumerReceivesCounts() {
        watermarks.received(P0, 0);
        watermarks.received(P0, 1);
        watermarks.reset();
        watermarks.received(P0, 0);
        watermarks.acknowledged(P0, 1);

        assertThat(watermarks.toCommit()).isEmpty();

        watermarks.acknowledged(P0, 0);

        assertThat(watermarks.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    }
}
