package io.bookstore.orchestrator.order;

/** An order's life; every transition is a durable write and an event with a vector clock. */
public enum OrderStatus {
    VERIFYING,
    REJECTED,
    APPROVED,
    QUEUED,
    /** Taken by the leading executor (until the saga runs, execution only records who ran the order). */
    EXECUTING,
    EXECUTED,
    RESERVING,
    CHARGING,
    COMPENSATING,
    PAID,
    NEEDS_ATTENTION,
    /** A benchmark order that has been created but not checked out. */
    OPEN
}
