package io.bookstore.causality;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bookstore.contracts.order.ClearOrder;
import io.bookstore.contracts.order.ClearOrderAck;
import io.bookstore.contracts.order.Order;
import java.time.Duration;

/**
 * A service's cached copy of every order it is working on, with its vector clock for that order. A copy lives until
 * the order's Clear arrives, and never longer than {@code ttl} after its last event; at most {@code maxOrders} copies
 * are kept. Clear drops a copy only when this service saw nothing the final clock does not know about.
 */
public final class OrderClockCache {

    private record Copy(Order order, VectorClock clock) {
    }

    private final String node;
    private final Cache<String, Copy> copies;

    /** {@code node} is this service's entry in the clocks. */
    public OrderClockCache(String node, Duration ttl, long maxOrders) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || maxOrders < 1) {
            throw new IllegalArgumentException("the order clock cache needs a positive ttl and max-orders");
        }
        this.node = node;
        this.copies = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxOrders)
                .build();
    }

    /** Receiving a request is an event: the request's clock is merged into the copy's, then this node ticks. */
    public VectorClock receive(Order order, VectorClock requestClock) {
        Copy copy = copies.asMap().compute(order.getOrderId(), (id, previous) -> new Copy(order,
                (previous == null ? VectorClock.empty() : previous.clock()).merge(requestClock).tick(node)));
        OrderEventLog.event(order.getOrderId(), copy.clock(), "received");
        return copy.clock();
    }

    /** Records the clock after this service's last event for the order: the clock it replies with. */
    public void keep(Order order, VectorClock clock) {
        copies.asMap().merge(order.getOrderId(), new Copy(order, clock),
                (previous, latest) -> new Copy(order, previous.clock().merge(latest.clock())));
    }

    /** Clear: drops the copy unless this service's clock for the order is ahead of the final clock. */
    public ClearOrderAck clear(ClearOrder request) {
        String orderId = request.getOrderId();
        VectorClock finalClock = VectorClocks.fromProto(request.getFinalClock());
        Copy[] held = new Copy[1];
        boolean kept = copies.asMap().computeIfPresent(orderId, (id, copy) -> {
            held[0] = copy;
            return copy.clock().isAheadOf(finalClock) ? copy : null;
        }) != null;
        VectorClock own = held[0] == null ? VectorClock.empty() : held[0].clock();
        if (kept) {
            OrderEventLog.warn(orderId, own, "orderId={} not cleared: own clock {} is ahead of the final clock {}",
                    orderId, own, finalClock);
        } else {
            OrderEventLog.event(orderId, own, "cleared");
        }
        return ClearOrderAck.newBuilder().setCleared(!kept).setClock(VectorClocks.toProto(own)).build();
    }
}
