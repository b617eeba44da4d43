package io.bookstore.executor.execution;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The executions table. Each write is one statement that applies only if the writer's epoch is still the highest
 * (the fence) and the order is in the expected state (order id is the primary key: a redelivery changes nothing).
 * When a write changes nothing, a read tells why.
 */
@Repository
public class ExecutionLedger {

    private final JdbcTemplate jdbc;

    public ExecutionLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public LedgerWrite start(String orderId, String tier, String executorId, long epoch) {
        int inserted = jdbc.update("""
                insert into executions (order_id, executor_id, epoch, tier, status)
                select ?, ?, ?, ?, 'STARTED'
                where ? = (select max(epoch) from leader_epochs)
                on conflict (order_id) do nothing""",
                orderId, executorId, epoch, tier, epoch);
        return inserted == 1 ? LedgerWrite.applied(epoch) : whyRefused(orderId, epoch);
    }

    public LedgerWrite finish(String orderId, String executorId, long epoch) {
        int updated = jdbc.update("""
                update executions
                set status = 'FINISHED', finished_by = ?, finished_epoch = ?, finished_at = clock_timestamp()
                where order_id = ? and status = 'STARTED'
                  and ? = (select max(epoch) from leader_epochs)""",
                executorId, epoch, orderId, epoch);
        return updated == 1 ? LedgerWrite.applied(epoch) : whyRefused(orderId, epoch);
    }

    private LedgerWrite whyRefused(String orderId, long epoch) {
        return jdbc.queryForObject("""
                select (select max(epoch) from leader_epochs) as current_epoch,
                       e.status, e.executor_id, e.epoch, e.finished_by, e.finished_epoch
                from (select 1) as one
                left join executions e on e.order_id = ?""",
                (row, n) -> {
                    long current = row.getLong("current_epoch");
                    String status = row.getString("status");
                    if (current != epoch) {
                        return new LedgerWrite(LedgerWrite.Result.FENCED, current, null, epoch);
                    }
                    if ("FINISHED".equals(status)) {
                        return new LedgerWrite(LedgerWrite.Result.ALREADY_FINISHED, current,
                                row.getString("finished_by"), row.getLong("finished_epoch"));
                    }
                    if ("STARTED".equals(status)) {
                        return new LedgerWrite(LedgerWrite.Result.ALREADY_STARTED, current,
                                row.getString("executor_id"), row.getLong("epoch"));
                    }
                    throw new IllegalStateException("a write of order " + orderId + " under the current epoch "
                            + epoch + " changed nothing, and the order has no execution");
                },
                orderId);
    }
}
