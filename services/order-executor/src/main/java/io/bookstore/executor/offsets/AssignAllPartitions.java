package io.bookstore.executor.offsets;

import java.util.List;
import java.util.Objects;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.support.subcription.SubscribeAdapter;
import org.apache.camel.component.kafka.consumer.support.subcription.TopicInfo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ZooKeeper, not Kafka's group protocol, decides who reads: the leader assigns itself every partition. Subscribing
 * instead would make a new leader wait for the consumer group to drop a crashed leader (its session timeout, 6 s
 * at the least on a default broker) before it gets any partition.
 */
@Component(KafkaConstants.KAFKA_SUBSCRIBE_ADAPTER)
public class AssignAllPartitions implements SubscribeAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AssignAllPartitions.class);

    @Override
    public void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener unused, TopicInfo topicInfo) {
        List<TopicPartition> partitions = topicInfo.getTopics().stream()
                .flatMap(topic -> Objects.requireNonNullElse(consumer.partitionsFor(topic), List.<PartitionInfo>of())
                        .stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("no partitions yet for " + topicInfo.getTopics());
        }
        consumer.assign(partitions);
        LOG.info("reading {} from their committed offsets", partitions);
    }
}
