package io.bookstore.executor.sagalog;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.orderevents.OrderApproved;
import java.time.Instant;

/** A saga as the log holds it. finishedBy and finishedEpoch are null until its final state is recorded. */
public record SagaRecord(String sagaId, OrderApproved order, String tier, SagaStatus status, String reason,
                         Instant deadline, VectorClock clock, String writtenBy, long epoch, String finishedBy,
                         Long finishedEpoch, boolean outcomePublished) {

    public String orderId() {
        return order.getOrderId();
    }

    public int attempt() {
        return order.getAttempt();
    }
}
