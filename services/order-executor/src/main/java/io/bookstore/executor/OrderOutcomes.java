package io.bookstore.executor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The executor.orders counter: approved orders by what this replica did with them (the outcome tag). */
public final class OrderOutcomes {

    private OrderOutcomes() {
    }

    public static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("executor.orders").tag("outcome", outcome)
                .description("approved orders by what this replica did with them").register(meters);
    }
}
