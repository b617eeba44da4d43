package io.bookstore.executor.sagalog;

import java.time.Instant;
import java.util.List;

/**
 * A new saga as the order's admission wrote it to the log: its deadline (none without a timeout), the timeout it was
 * written with, the steps it enlisted ahead, and the leader's epoch it was written under.
 */
public record SagaStart(Instant deadline, Long timeoutMillis, List<EnlistedStep> stepsAhead, long epoch) {

    /** The exchange property that carries it from the admission to the saga's coordinator. */
    public static final String PROPERTY = "bookstore.sagaStart";
}
