package io.bookstore.executor.sagalog;

import java.time.Instant;

/**
 * A new saga as the order's admission wrote it to the log: its deadline (none without a timeout), the timeout it was
 * written with, and the leader's epoch it was written under.
 */
public record SagaStart(Instant deadline, Long timeoutMillis, long epoch) {

    /** The exchange property that carries it from the admission to the saga's coordinator. */
    public static final String PROPERTY = "bookstore.sagaStart";
}
