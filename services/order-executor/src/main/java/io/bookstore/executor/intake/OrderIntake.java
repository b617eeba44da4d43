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
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Receives an approved order on the Kafka polling thread: reads it, merges its vector clock, and, once the operator
 * route direct:tier-rank has ranked its tier, gives it the priority key the resequencer sorts by. An unreadable record
 * is acknowledged and goes no further, so that it never holds the committed offset back.
 */
@Component
public class OrderIntake {

    /** The Kafka record header the orchestrator puts the card tier in; also the tier direct:tier-rank ranks. */
    public static final String TIER_HEADER = "tier";
    /** The rank direct:tier-rank answers with. */
    public static final String RANK_HEADER = "tierRank";
    /** The resequencer's key (see {@link TierPriority}). */
    public static final String PRIORITY_HEADER = "executionPriority";

    private static final Logger LOG = LoggerFactory.getLogger(OrderIntake.class);

    private static final String RANK_ROUTE_ID = "tier-rank";

    private final TierPriority priority;
    private final ExecutorClock clock;
    private final TierQueueDepth queue;
    private final CamelContext camel;
    private final Path routesDir;
    private final AtomicLong arrivals = new AtomicLong();
    private final Counter received;
    private final Counter unreadable;

    public OrderIntake(TierPriority priority, ExecutorClock clock, MeterRegistry meters, TierQueueDepth queue,
                       CamelContext camel, @Value("${bookstore.routes-dir}") Path routesDir) {
        this.priority = priority;
        this.clock = clock;
        this.queue = queue;
        this.camel = camel;
        this.routesDir = routesDir;
        received = OrderOutcomes.counter(meters, "received");
        unreadable = OrderOutcomes.counter(meters, "unreadable");
    }

    /** The executor starts without its operator route, but says so: until the route is loaded, no order is queued. */
    @EventListener(ApplicationReadyEvent.class)
    public void reportAMissingRoute() {
        if (camel.getRoute(RANK_ROUTE_ID) == null) {
            LOG.error("the operator route {} is not loaded: no {} (set ROUTES_DIR to the repository's routes/);"
                    + " approved orders cannot be queued until the file is there", RANK_ROUTE_ID,
                    routesDir.resolve("order-executor/tier-rank.yaml").toAbsolutePath());
        }
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
        message.setHeader(TIER_HEADER, tier);
        message.removeHeader(RANK_HEADER);
        queue.queued(tier);
        received.increment();
    }

    /** After direct:tier-rank: the resequencer's key. A rank out of range is the operator's mistake: it ranks 0. */
    public void prioritize(Exchange exchange) {
        ApprovedOrder order = exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
        Message message = exchange.getMessage();
        String answered = message.getHeader(RANK_HEADER, String.class);
        Integer rank = parseRank(answered);
        OrderLogContext.set(order.orderId(), order.clock());
        try {
            if (!priority.isRank(rank)) {
                LOG.error("the operator route direct:tier-rank ranked tier {} as '{}', not a whole number from 0 to {}:"
                        + " it runs at rank 0", order.tier(), answered, TierPriority.MAX_RANK);
                rank = 0;
            }
            message.setHeader(PRIORITY_HEADER, priority.key(rank, arrivals.getAndIncrement()));
            LOG.info("received attempt {} ({} tier, rank {}, partition {} offset {}): queued for its saga by priority",
                    order.attempt(), order.tier(), rank, order.partition(), order.offset());
        } finally {
            OrderLogContext.clear();
        }
    }

    private static Integer parseRank(String rank) {
        if (rank == null) {
            return null;
        }
        try {
            return Integer.valueOf(rank.strip());
        } catch (NumberFormatException e) {
            return null;
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
