package io.bookstore.executor.leadership;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fences a leader's writes by its epoch: a write commits only while the leader's epoch is still the highest.
 * <p>
 * Every fenced write is one statement that begins with {@link #TERM} and reads from it, so that it always runs
 * epoch_in_term (V4__writes_fenced_in_their_own_statement.sql): the function takes a shared lock that a new term's
 * claim takes exclusively ({@link LeaderEpochs#claim}) and reads the highest epoch only once it holds it, in a snapshot
 * of its own. The statement commits on its own, still holding the lock: a write either commits before a new epoch
 * exists or sees that epoch and fails as a whole.
 */
@Component
public class Fence {

    /** The advisory lock that orders leaders' writes against the claim of a new epoch. */
    static final long TERM_LOCK = 0x0E7EC_0001L;

    /** The common table expression a fenced statement begins with; its parameters come first ({@link #term}). */
    public static final String TERM = "term as materialized (select epoch_in_term(?, ?) as epoch)";

    /** What epoch_in_term raises for a stale epoch. */
    private static final String STALE_EPOCH = "EP001";

    private final JdbcTemplate jdbc;

    public Fence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The statement's parameters, after those of {@link #TERM} for the given epoch. */
    public static Object[] term(long epoch, Object... parameters) {
        Object[] all = new Object[parameters.length + 2];
        all[0] = TERM_LOCK;
        all[1] = epoch;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        return all;
    }

    /** Runs one fenced statement under the epoch, or throws FencedException (nothing written) when it is stale. */
    public <T> T inTerm(long epoch, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessException e) {
            if (stale(e)) {
                throw new FencedException(epoch, jdbc.queryForObject("select max(epoch) from leader_epochs",
                        Long.class));
            }
            throw e;
        }
    }

    private static boolean stale(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && STALE_EPOCH.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
