package io.bookstore.executor.intake;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.executor.OrderOutcomes;
import io.bookstore.executor.causality.ExecutorClock;
import io.bookstore.executor.offsets.WatermarkManualCommits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Receives an approved order on the Kafka polling thread: reads it, merges its vector clock, and gives it the
 * priority key the resequencer sorts by. An unreadable record is acknowledged and goes no further, so that it never
 * holds the committed offset back.
 */
@Component
public class OrderIntake {

    /** The Kafka record header the orchestrator puts the card tier in. */
    public static final String TIER_HEADER = "tier";
    /** The resequencer's key (see {@link TierPriority}). */
    public static final String PRIORITY_HEADER = "executionPriority";

    private static final Logger LOG = LoggerFactory.getLogger(OrderIntake.class);

    private final TierPriority priority;
    private final ExecutorClock clock;
    private final AtomicLong arrivals = new AtomicLong();
    private final Counter received;
    private final TierQueueDepth queue;
    private final Counter unreadable;

    public OrderIntake(TierPriority priority, ExecutorClock clock, MeterRegistry meters, TierQueueDepth queue) {
        this.priority = priority;
        this.queue = queue;
        this.clock = clock;
        received = OrderOutcomes.counter(meters, "received");
        unreadable = OrderOutcomes.counter(meters, "unreadable");
    }

    public void receive(Exchange exchange) {
        Message message = exchange.getMessage();
        int partition = message.getHeader(KafkaConstants.PARTITION, -1, Integer.class);
        long offset = message.getHeader(KafkaConstants.OFFSET, -1L, Long.class);
        OrderApproved approved = parse(message.getBody(byte[].class));
        if (approved == null || approved.getOrderId().isBlank()) {
            LOG.error("skipping an unreadable approved order at partition {} offset {}", partition, offset);
            unreadable.increment();
            WatermarkManualCommits.acknowledge(exchange);
            exchange.setRouteStop(true);
            return;
        }
        String tier = priority.tierOf(message.getHeader(TIER_HEADER, String.class), approved.getTier());
        VectorClock now = clock.receive(approved.getClock());
        exchange.setProperty(ApprovedOrder.PROPERTY, new ApprovedOrder(approved, tier, now, partition, offset));
        message.setHeader(PRIORITY_HEADER, priority.key(tier, arrivals.getAndIncrement()));
        received.increment();
        queue.queued(tier);
        OrderLogContext.set(approved.getOrderId(), now);
        try {
            LOG.info("received attempt {} ({} tier, partition {} offset {}): queued for its saga by priority",
                    approved.getAttempt(), tier, partition, offset);
        } finally {
            OrderLogContext.clear();
        }
    }

    private static OrderApproved parse(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            return OrderApproved.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
