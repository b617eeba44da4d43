package io.bookstore.executor.leadership;

import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a leader's writes in one transaction that commits only while the leader's epoch is still the highest.
 * <p>
 * The writes hold a shared lock that a new term's claim takes exclusively ({@link LeaderEpochs#claim}), and they read
 * the highest epoch only once they hold it: a write either commits before a new epoch exists or sees that epoch and
 * is refused. Checking the epoch inside the write's own statement would not do: that statement's snapshot is older
 * than a claim committed while it ran, so a stale leader's write could still land after the new leader looked.
 */
@Component
public class Fence {

    /** The advisory lock that orders leaders' writes against the claim of a new epoch. */
    static final long TERM_LOCK = 0x0E7EC_0001L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public Fence(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Runs the writes under the given epoch, or throws FencedException (nothing written) when it is stale. */
    public <T> T inTerm(long epoch, Supplier<T> writes) {
        return transaction.execute(status -> {
            // both in one round trip (V3__epoch_under_term_lock.sql): about five fenced writes per saga
            long current = jdbc.queryForObject("select epoch_under_term_lock(?)", Long.class, TERM_LOCK);
            if (current != epoch) {
                throw new FencedException(epoch, current);
            }
            return writes.get();
        });
    }
}
