package io.bookstore.executor.causality;

import io.bookstore.causality.VectorClock;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * The Kafka producers' header filter: a record carries the vector clock header and nothing else of the exchange (not
 * the saga's Long-Running-Action id, not the headers of the record the order arrived in).
 */
@Component("vectorClockHeaderOnly")
public class VectorClockHeaderOnly implements HeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !VectorClock.HEADER.equals(name);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return false;
    }
}
