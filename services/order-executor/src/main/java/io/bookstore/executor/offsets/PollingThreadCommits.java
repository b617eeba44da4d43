package io.bookstore.executor.offsets;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Route;
import org.apache.camel.component.kafka.consumer.errorhandler.KafkaConsumerListener;
import org.apache.camel.component.kafka.consumer.support.ProcessingResult;
import org.apache.camel.resume.ConsumerListenerAware;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Commits the offset watermarks after a poll, on the polling thread: a KafkaConsumer may only be used by the
 * thread that polls it, and orders are acknowledged on the resequencer's thread. Installed on the route's Kafka
 * consumer as its consumer listener, the one hook camel-kafka calls on that thread after each poll, idle ones
 * included. A commit waits for Kafka, and a poll comes back with each order that arrives: at most one commit per
 * commit interval, the first poll after it (a crash redelivers at most that much more, which the saga log ignores).
 */
@Component
public class PollingThreadCommits extends KafkaConsumerListener {

    private static final Logger LOG = LoggerFactory.getLogger(PollingThreadCommits.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    private final OffsetWatermarks watermarks;
    private final long commitIntervalNanos;
    private long lastCommit;

    public PollingThreadCommits(OffsetWatermarks watermarks,
                                @Value("${order-executor.kafka.commit-interval-ms}") long commitIntervalMs) {
        this.watermarks = watermarks;
        this.commitIntervalNanos = TimeUnit.MILLISECONDS.toNanos(commitIntervalMs);
        this.lastCommit = System.nanoTime() - commitIntervalNanos;
    }

    /**
     * A route policy that installs this listener on the route's Kafka consumer when the route's services start,
     * before the consumer itself can start: list it before the policy that starts the consumer.
     */
    public RoutePolicy installer() {
        return new RoutePolicySupport() {
            private Route route;

            @Override
            public void onInit(Route route) {
                this.route = route;
            }

            @Override
            @SuppressWarnings("unchecked")
            protected void doStart() {
                ((ConsumerListenerAware<KafkaConsumerListener>) route.getConsumer())
                        .setConsumerListener(PollingThreadCommits.this);
            }
        };
    }

    @Override
    public void setConsumer(Consumer<?, ?> consumer) {
        super.setConsumer(consumer);
        watermarks.reset();
    }

    @Override
    public boolean afterConsume(Object ignored) {
        long now = System.nanoTime();
        if (now - lastCommit < commitIntervalNanos) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = watermarks.toCommit();
        if (offsets.isEmpty()) {
            return true;
        }
        lastCommit = now;
        try {
            getConsumer().commitSync(offsets, COMMIT_TIMEOUT);
            watermarks.committed(offsets);
            LOG.debug("committed {}", offsets);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("could not commit {} ({}); trying again after the next commit interval", offsets, e.getMessage());
        }
        return true;
    }

    @Override
    public boolean afterProcess(ProcessingResult result) {
        return true;
    }
}
