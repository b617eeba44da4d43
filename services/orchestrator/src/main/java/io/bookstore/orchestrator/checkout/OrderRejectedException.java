package io.bookstore.orchestrator.checkout;

import io.bookstore.causality.VectorClock;

/** A verification service rejected the order: the first one ends the fan-out at once. */
public class OrderRejectedException extends RuntimeException {

    private final String service;
    private final String reason;
    private final VectorClock clock;

    public OrderRejectedException(String service, String reason, VectorClock clock) {
        super(service + " rejected the order: " + reason);
        this.service = service;
        this.reason = reason;
        this.clock = clock;
    }

    public String service() {
        return service;
    }

    public String reason() {
        return reason;
    }

    public VectorClock clock() {
        return clock;
    }
}
