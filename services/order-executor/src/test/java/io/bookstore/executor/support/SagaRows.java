package io.bookstore.executor.support;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Reads the saga log the way an operator would. */
public final class SagaRows {

    /** One row of the sagas table. */
    public record Saga(String sagaId, String orderId, int attempt, String tier, String status, String reason,
                       String startedBy, long startedEpoch, String finishedBy, Long finishedEpoch, long startSeq,
                       boolean outcomePublished) {

        public boolean ended() {
            return outcomePublished && List.of("COMPLETED", "COMPENSATED", "NEEDS_ATTENTION").contains(status);
        }
    }

    /** One enlisted step. */
    public record Step(int seq, String compensationUri, String completionUri, String options) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public SagaRows() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(System.getProperty("DB_URL"),
                System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD"));
        jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(dataSource));
    }

    /** The sagas of the given orders, in the order they started. */
    public List<Saga> of(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select saga_id, order_id, attempt, tier, status, reason, started_by, started_epoch, finished_by,
                       finished_epoch, start_seq, outcome_published_at is not null as published
                from sagas where order_id in (:ids) order by start_seq""",
                Map.of("ids", orderIds),
                (row, n) -> new Saga(row.getString("saga_id"), row.getString("order_id"), row.getInt("attempt"),
                        row.getString("tier"), row.getString("status"), row.getString("reason"),
                        row.getString("started_by"), row.getLong("started_epoch"), row.getString("finished_by"),
                        (Long) row.getObject("finished_epoch"), row.getLong("start_seq"),
                        row.getBoolean("published")));
    }

    public Optional<Saga> of(String orderId) {
        return of(List.of(orderId)).stream().findFirst();
    }

    /** How many of the orders' sagas have ended and published their outcome. */
    public long ended(Collection<String> orderIds) {
        return of(orderIds).stream().filter(Saga::ended).count();
    }

    public List<Step> steps(String sagaId) {
        return jdbc.query("""
                select seq, compensation_uri, completion_uri, options::text as options
                from saga_steps where saga_id = :id order by seq""",
                Map.of("id", sagaId),
                (row, n) -> new Step(row.getInt("seq"), row.getString("compensation_uri"),
                        row.getString("completion_uri"), row.getString("options")));
    }

    /** The saga's steps enlisted at the instant the saga started: written with its start. */
    public List<Integer> enlistedWithTheStart(String sagaId) {
        return jdbc.queryForList("""
                select seq from saga_steps join sagas using (saga_id)
                where saga_id = :id and enlisted_at = started_at order by seq""", Map.of("id", sagaId), Integer.class);
    }
}
