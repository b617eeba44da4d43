package io.bookstore.orchestrator.order;

import io.bookstore.causality.VectorClock;

/** Where an order stands: what a waiting checkout answers with, read without its lines or history. */
public record OrderState(String id, OrderStatus status, String reason, VectorClock clock) {
}
