package io.bookstore.causality;

import org.slf4j.MDC;

/** Puts an order's id and current vector clock on every log line written while it is being handled. */
public final class OrderLogContext {

    public static final String ORDER_ID = "orderId";
    public static final String CLOCK = "vc";

    private OrderLogContext() {
    }

    public static void set(String orderId, VectorClock clock) {
        MDC.put(ORDER_ID, orderId);
        MDC.put(CLOCK, clock.toString());
    }

    public static void clear() {
        MDC.remove(ORDER_ID);
        MDC.remove(CLOCK);
    }
}
