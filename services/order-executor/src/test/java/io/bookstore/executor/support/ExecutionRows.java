package io.bookstore.executor.support;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Reads the executors' database the way an operator would. */
public final class ExecutionRows {

    /** One row of the executions table. */
    public record Execution(String orderId, String executorId, long epoch, String tier, String status, long startSeq,
                            String finishedBy, Long finishedEpoch) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ExecutionRows() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(System.getProperty("DB_URL"),
                System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD"));
        jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(dataSource));
    }

    /** The executions of the given orders, in the order they started. */
    public List<Execution> of(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select order_id, executor_id, epoch, tier, status, start_seq, finished_by, finished_epoch
                from executions where order_id in (:ids) order by start_seq""",
                Map.of("ids", orderIds),
                (row, n) -> new Execution(row.getString("order_id"), row.getString("executor_id"),
                        row.getLong("epoch"), row.getString("tier"), row.getString("status"), row.getLong("start_seq"),
                        row.getString("finished_by"), (Long) row.getObject("finished_epoch")));
    }

    public long finished(Collection<String> orderIds) {
        return of(orderIds).stream().filter(execution -> execution.status().equals("FINISHED")).count();
    }
}
