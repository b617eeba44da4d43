package io.bookstore.executor.leadership;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The epoch sequence: each leadership term records itself and gets a number higher than every earlier term's. */
@Repository
public class LeaderEpochs {

    private final JdbcTemplate jdbc;

    public LeaderEpochs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long claim(String executorId) {
        return jdbc.queryForObject("insert into leader_epochs (executor_id) values (?) returning epoch",
                Long.class, executorId);
    }
}
