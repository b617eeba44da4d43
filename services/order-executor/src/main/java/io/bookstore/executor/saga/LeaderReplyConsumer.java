package io.bookstore.executor.saga;

import io.bookstore.executor.leadership.LeadershipListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Only the leader reads saga.replies: a standby has no step waiting for a reply, and reading every one of them cost
 * each standby a third to a half of what stock spends on its commands (make bench). When a term begins, this
 * replica's reply group is moved to the end of every partition, then the consumer starts. This runs before the
 * recovery and before the order consumer, so every command of the term is sent after the move: no reply to it is
 * missed, and the replies of the time this replica stood by are not read. A saga taken over sends its command
 * again, and the participant answers it again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LeaderReplyConsumer implements LeadershipListener {

    static final String ROUTE_ID = "saga-replies";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderReplyConsumer.class);

    private final CamelContext camel;
    private final String brokers;
    private final String topic;
    private final String groupId;
    private final Duration timeout;

    public LeaderReplyConsumer(CamelContext camel,
                               @Value("${camel.component.kafka.brokers}") String brokers,
                               @Value("${order-executor.topics.saga-replies}") String topic,
                               @Value("${order-executor.kafka.replies-group-id}") String groupId,
                               @Value("${order-executor.kafka.replies-skip-timeout}") Duration timeout) {
        this.camel = camel;
        this.brokers = brokers;
        this.topic = topic;
        this.groupId = groupId;
        this.timeout = timeout;
    }

    @Override
    public void elected(long epoch) {
        try {
            skipToTheEnd();
        } catch (Exception e) {
            // still correct, only slower to start: the consumer reads on from the group's older offsets
            LOG.warn("could not move {} to the end of {} ({}): reading on from its committed offsets", groupId, topic,
                    e.getMessage());
        }
        try {
            camel.getRouteController().startRoute(ROUTE_ID);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start reading " + topic, e);
        }
    }

    @Override
    public void relinquished(long epoch) {
        try {
            camel.getRouteController().stopRoute(ROUTE_ID, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("could not stop reading {}: {}", topic, e.getMessage());
        }
    }

    private void skipToTheEnd() throws Exception {
        long millis = timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) millis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) millis))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(millis, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(millis, TimeUnit.MILLISECONDS);
            admin.alterConsumerGroupOffsets(groupId, ends.entrySet().stream().collect(Collectors.toMap(
                            Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue().offset()))))
                    .all().get(millis, TimeUnit.MILLISECONDS);
            LOG.info("reading {} from its end: {}", topic, ends.entrySet().stream()
                    .map(end -> end.getKey().partition() + "@" + end.getValue().offset())
                    .sorted().collect(Collectors.joining(", ")));
        }
    }
}
