package io.bookstore.orchestrator.order;

import io.bookstore.causality.VectorClock;

/** A Kafka record to publish once the transaction that wrote it commits. Headers: "name=value;name=value". */
public record OutboxMessage(String topic, String key, String headers, byte[] payload) {

    /** A message about an order: keyed by its id, carrying its vector clock as every message between services does. */
    public static OutboxMessage aboutOrder(String topic, String orderId, VectorClock clock, String headers,
                                           byte[] payload) {
        return new OutboxMessage(topic, orderId, VectorClock.HEADER + "=" + clock + ";" + headers, payload);
    }
}
