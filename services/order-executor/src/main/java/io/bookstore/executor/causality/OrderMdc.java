package io.bookstore.executor.causality;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import org.slf4j.MDC;

/** Runs a piece of logging with an order's id and clock on its lines, then puts back what the thread had. */
public final class OrderMdc {

    private OrderMdc() {
    }

    public static void with(String orderId, VectorClock clock, Runnable body) {
        String previousOrder = MDC.get(OrderLogContext.ORDER_ID);
        String previousClock = MDC.get(OrderLogContext.CLOCK);
        OrderLogContext.set(orderId, clock);
        try {
            body.run();
        } finally {
            restore(OrderLogContext.ORDER_ID, previousOrder);
            restore(OrderLogContext.CLOCK, previousClock);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
