package io.bookstore.executor.offsets;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The KafkaManualCommit behind every approved order: created when the record is handed to the route (which is when
 * it counts as received), and its commit() acknowledges the record once the order's execution is durable.
 * <p>
 * A factory of our own also makes camel-kafka choose its no-op commit manager: its sync and async managers commit
 * the offset of every record as soon as the route returns, which for us is when the record enters the resequencer,
 * long before it is executed.
 */
@Component("watermarkManualCommits")
public class WatermarkManualCommits implements KafkaManualCommitFactory {

    private final OffsetWatermarks watermarks;

    public WatermarkManualCommits(OffsetWatermarks watermarks) {
        this.watermarks = watermarks;
    }

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record,
                                         CommitManager commitManager) {
        TopicPartition partition = record.partition;
        long offset = record.recordOffset;
        watermarks.received(partition, offset);
        return () -> watermarks.acknowledged(partition, offset);
    }

    /** The order on this exchange is durably executed, or harmlessly skipped: its offset may be committed. */
    public static void acknowledge(Exchange exchange) {
        exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
    }
}
