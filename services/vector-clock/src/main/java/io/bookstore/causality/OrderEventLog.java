package io.bookstore.causality;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The event log line of one order: "orderId=&lt;id&gt; event=&lt;event&gt; vc=&lt;clock&gt;", with orderId and vc in the MDC. */
public final class OrderEventLog {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventLog.class);

    private OrderEventLog() {
    }

    public static void event(String orderId, VectorClock clock, String event) {
        try (MDC.MDCCloseable id = MDC.putCloseable(OrderLogContext.ORDER_ID, orderId);
             MDC.MDCCloseable vc = MDC.putCloseable(OrderLogContext.CLOCK, clock.toString())) {
            LOG.info("orderId={} event={} vc={}", orderId, event, clock);
        }
    }

    public static void verdict(String orderId, VectorClock clock, String verdict) {
        try (MDC.MDCCloseable id = MDC.putCloseable(OrderLogContext.ORDER_ID, orderId);
             MDC.MDCCloseable vc = MDC.putCloseable(OrderLogContext.CLOCK, clock.toString())) {
            LOG.info("orderId={} verdict={} vc={}", orderId, verdict, clock);
        }
    }

    public static void warn(String orderId, VectorClock clock, String message, Object... arguments) {
        try (MDC.MDCCloseable id = MDC.putCloseable(OrderLogContext.ORDER_ID, orderId);
             MDC.MDCCloseable vc = MDC.putCloseable(OrderLogContext.CLOCK, clock.toString())) {
            LOG.warn(message, arguments);
        }
    }
}
