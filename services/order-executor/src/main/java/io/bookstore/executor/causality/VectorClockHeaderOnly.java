package io.bookstore.executor.causality;

import io.bookstore.causality.VectorClock;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * The Kafka producers' header filter: a record carries the vector clock header, and the W3C trace context that Camel's
 * tracer puts on it (so that stock and payment continue the order's trace), and nothing else of the exchange (not
 * the saga's Long-Running-Action id, not the headers of the record the order arrived in).
 */
@Component("vectorClockHeaderOnly")
public class VectorClockHeaderOnly implements HeaderFilterStrategy {

    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !VectorClock.HEADER.equals(name) && !TRACE_CONTEXT.contains(name);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return false;
    }
}
