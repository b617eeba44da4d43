package io.bookstore.executor.intake;

import io.bookstore.executor.leadership.LeadershipListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Orders this leader has taken from orders.approved and not yet admitted to a saga, per card tier: the resequencer's
 * queue. Tiers are the configured ones (TierPriority names them), so the tag stays bounded. A standby queues nothing;
 * when a term ends the queue is dropped with the consumer, and the orders are read again by the next leader.
 */
@Component
public class TierQueueDepth implements LeadershipListener {

    private final MeterRegistry meters;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

    public TierQueueDepth(MeterRegistry meters) {
        this.meters = meters;
    }

    public void queued(String tier) {
        depth(tier).incrementAndGet();
    }

    public void dequeued(String tier) {
        depth(tier).updateAndGet(depth -> Math.max(0, depth - 1));
    }

    @Override
    public void elected(long epoch) {
        // the queue fills from the consumer this term starts
    }

    @Override
    public void relinquished(long epoch) {
        depths.values().forEach(depth -> depth.set(0));
    }

    private AtomicLong depth(String tier) {
        return depths.computeIfAbsent(tier, name -> {
            AtomicLong depth = new AtomicLong();
            Gauge.builder("executor.queue.depth", depth, AtomicLong::get).tag("tier", name)
                    .description("approved orders waiting in this leader's priority queue for their saga")
                    .register(meters);
            return depth;
        });
    }
}
