package io.bookstore.causality;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of the per-order cache: a copy lives until the order's Clear arrives, and never longer than {@code ttl}
 * after its last event; at most {@code maxOrders} copies are kept.
 */
@ConfigurationProperties("bookstore.order-copies")
public record OrderClockCacheProperties(Duration ttl, long maxOrders) {

    public OrderClockCacheProperties {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || maxOrders < 1) {
            throw new IllegalArgumentException("bookstore.order-copies needs a positive ttl and max-orders");
        }
    }
}
