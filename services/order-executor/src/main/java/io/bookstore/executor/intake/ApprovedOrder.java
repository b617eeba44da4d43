package io.bookstore.executor.intake;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.orderevents.OrderApproved;

/**
 * An approved order as the executors run it: kept on the exchange while it waits in the resequencer and while its
 * saga runs. partition and offset are -1 for an order whose saga a new leader drives on after a failover.
 */
public record ApprovedOrder(OrderApproved approved, String tier, VectorClock clock, int partition, long offset) {

    public static final String PROPERTY = "approvedOrder";

    public String orderId() {
        return approved.getOrderId();
    }

    public int attempt() {
        return approved.getAttempt();
    }

    /** The saga of this checkout attempt: an order checked out again after a rejection gets a saga of its own. */
    public String sagaId() {
        return sagaId(orderId(), attempt());
    }

    public static String sagaId(String orderId, int attempt) {
        return orderId + "/" + attempt;
    }
}
