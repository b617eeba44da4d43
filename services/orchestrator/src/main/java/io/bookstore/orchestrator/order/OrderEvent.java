package io.bookstore.orchestrator.order;

import io.bookstore.causality.VectorClock;

public record OrderEvent(String service, String event, VectorClock clock) {
}
