package io.bookstore.orchestrator.order;

import org.apache.camel.Exchange;
import org.apache.camel.tracing.ActiveSpanManager;
import org.apache.camel.tracing.SpanAdapter;

/**
 * The checkout's trace goes on with its saga: the outbox row keeps the W3C trace context of the request that wrote
 * it, and the relay (not traced itself) hands it to Kafka, where the executor's consumer picks it up.
 */
public final class OutboxTrace {

    /** The log lines' MDC key for the trace id (the tracing module's). */
    public static final String TRACE_ID = "trace_id";

    private OutboxTrace() {
    }

    /** The outbox header that carries the exchange's trace context, or nothing when the exchange is not traced. */
    public static String header(Exchange exchange) {
        SpanAdapter span = ActiveSpanManager.getSpan(exchange);
        if (span == null || span.traceId() == null || span.spanId() == null) {
            return "";
        }
        return ";traceparent=00-" + span.traceId() + "-" + span.spanId() + "-01";
    }

    /** The trace id of a W3C traceparent ("00-trace-span-flags"), or "" when there is none. */
    public static String traceId(String traceparent) {
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        return parts.length == 4 ? parts[1] : "";
    }
}
