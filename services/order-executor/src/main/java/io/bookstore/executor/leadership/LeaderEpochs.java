package io.bookstore.executor.leadership;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The epoch sequence: each leadership term records itself and gets a number higher than every earlier term's. */
@Repository
public class LeaderEpochs {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public LeaderEpochs(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Records a new term. It waits for the fenced writes under way to commit (see {@link Fence}). */
    public long claim(String executorId) {
        return transaction.execute(status -> {
            jdbc.query("select pg_advisory_xact_lock(?)", (ResultSetExtractor<Void>) rows -> null, Fence.TERM_LOCK);
            return jdbc.queryForObject("insert into leader_epochs (executor_id) values (?) returning epoch",
                    Long.class, executorId);
        });
    }
}
