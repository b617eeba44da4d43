package io.bookstore.executor.sagalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.Fence;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Repository;

/**
 * The saga log in PostgreSQL: the sagas table and the steps each one enlisted. Every write is one statement under the
 * writer's leadership epoch ({@link Fence}): a stale leader's write throws FencedException and changes nothing.
 */
@Repository
public class SagaLog {

    private static final TypeReference<TreeMap<String, String>> OPTIONS = new TypeReference<>() {
    };
    /** A saga's step with these endpoints and option values: parameters saga id, the two URIs, the options' JSON. */
    private static final String SAME_STEP = "saga_id = ? and compensation_uri is not distinct from ? "
            + "and completion_uri is not distinct from ? and options = ?::jsonb";

    private final JdbcTemplate jdbc;
    private final Fence fence;
    private final ObjectMapper json;

    public SagaLog(JdbcTemplate jdbc, Fence fence, ObjectMapper json) {
        this.jdbc = jdbc;
        this.fence = fence;
        this.json = json;
    }

    /**
     * Records a new running saga with its deadline (now plus the timeout; none without a timeout) and the steps it
     * enlists ahead (seq 1, 2, ... in the list's order, enlisted at the saga's start instant), in one statement.
     * Answers the deadline, or empty when the saga exists already (nothing written).
     */
    public Optional<Optional<Instant>> start(ApprovedOrder order, Long timeoutMillis, VectorClock clock,
                                             List<EnlistedStep> steps, String executorId, long epoch) {
        Integer[] seqs = steps.stream().map(EnlistedStep::seq).toArray(Integer[]::new);
        String[] compensations = steps.stream().map(EnlistedStep::compensationUri).toArray(String[]::new);
        String[] completions = steps.stream().map(EnlistedStep::completionUri).toArray(String[]::new);
        String[] options = steps.stream().map(step -> write(step.options())).toArray(String[]::new);
        return fence.inTerm(epoch, () -> jdbc.query("with " + Fence.TERM + """
                        , started as (
                            insert into sagas (saga_id, order_id, attempt, tier, order_approved, status, deadline,
                                               clock, started_by, started_epoch, written_by, epoch)
                            select ?, ?, ?, ?, ?, 'RUNNING', clock_timestamp() + ? * interval '1 millisecond', ?,
                                   ?, term.epoch, ?, term.epoch
                            from term
                            on conflict do nothing
                            returning saga_id, deadline, epoch, started_at
                        ), enlisted as (
                            insert into saga_steps (saga_id, seq, compensation_uri, completion_uri, options,
                                                    enlisted_by, epoch, enlisted_at)
                            select started.saga_id, step.seq, step.compensation_uri, step.completion_uri,
                                   step.options::jsonb, ?, started.epoch, started.started_at
                            from started, unnest(?::int[], ?::text[], ?::text[], ?::text[])
                                              as step (seq, compensation_uri, completion_uri, options)
                        )
                        select deadline from started""",
                (row, n) -> Optional.ofNullable(instant(row, "deadline")),
                Fence.term(epoch, order.sagaId(), order.orderId(), order.attempt(), order.tier(),
                        order.approved().toByteArray(), timeoutMillis, clock.toString(), executorId, executorId,
                        executorId, seqs, compensations, completions, options))
                .stream().findFirst());
    }

    /** Moves the deadline earlier (a later step with a shorter timeout); never later. */
    public void deadlineAtMost(String sagaId, long timeoutMillis, long epoch) {
        fence.inTerm(epoch, () -> jdbc.queryForObject("with " + Fence.TERM + """
                , moved as (update sagas set deadline = clock_timestamp() + ? * interval '1 millisecond'
                            where saga_id = ?
                              and (deadline is null or deadline > clock_timestamp() + ? * interval '1 millisecond'))
                select epoch from term""", Long.class, Fence.term(epoch, timeoutMillis, sagaId, timeoutMillis)));
    }

    /**
     * Records a step the saga enlisted, with its endpoints and option values, and the saga's clock as it is now (what
     * a new leader starts from); a step enlisted again with the same endpoints and values is the one already
     * recorded. Answers the step; a saga that is not in the log has none.
     */
    public EnlistedStep enlist(String sagaId, String compensationUri, String completionUri,
                               Map<String, String> options, VectorClock clock, String executorId, long epoch) {
        String values = write(options);
        Integer seq = fence.inTerm(epoch, () -> jdbc.query("with " + Fence.TERM + """
                        , clocked as (update sagas set clock = ? where saga_id = ? returning saga_id)
                        insert into saga_steps (saga_id, seq, compensation_uri, completion_uri, options, enlisted_by,
                                                epoch)
                        select clocked.saga_id, next.seq, ?, ?, ?::jsonb, ?, term.epoch
                        from term, clocked,
                             (select coalesce(max(seq), 0) + 1 as seq from saga_steps where saga_id = ?) next
                        where not exists (select 1 from saga_steps where\s""" + SAME_STEP + """
                        )
                        on conflict do nothing
                        returning seq""",
                (row, n) -> row.getInt("seq"),
                Fence.term(epoch, clock.toString(), sagaId, compensationUri, completionUri, values,
                        executorId, sagaId, sagaId, compensationUri, completionUri, values))
                .stream().findFirst()
                .orElseGet(() -> jdbc.queryForList("select seq from saga_steps where " + SAME_STEP,
                                Integer.class, sagaId, compensationUri, completionUri, values)
                        .stream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("no saga " + sagaId + " to enlist a step in"))));
        return new EnlistedStep(seq, compensationUri, completionUri, new TreeMap<>(options));
    }

    /**
     * Moves the saga from one status to another, keeping the given reason (when not null), clock and writer; a final
     * status also records who finished it. Answers how long the saga has lived (to its end, for a final status), or
     * empty when the saga was not in the expected status (nothing written).
     */
    public Optional<Duration> transition(String sagaId, SagaStatus from, SagaStatus to, String reason,
                                         VectorClock clock, String executorId, long epoch) {
        boolean finished = to.isFinal();
        return fence.inTerm(epoch, () -> jdbc.queryForObject("with " + Fence.TERM + """
                , moved as (update sagas set status = ?, reason = coalesce(?, reason), clock = ?, written_by = ?,
                                             epoch = ?, finished_at = case when ? then clock_timestamp() end,
                                             finished_by = case when ? then ? end,
                                             finished_epoch = case when ? then ?::bigint end
                            where saga_id = ? and status = ?
                            returning extract(epoch from coalesce(finished_at, clock_timestamp()) - started_at)
                                      as lived)
                select moved.lived from term left join moved on true""",
                (row, n) -> {
                    double lived = row.getDouble("lived");
                    return row.wasNull() ? Optional.<Duration>empty()
                            : Optional.of(Duration.ofNanos(Math.round(lived * 1e9)));
                },
                Fence.term(epoch, to.name(), reason, clock.toString(), executorId, epoch, finished, finished,
                        executorId, finished, epoch, sagaId, from.name())));
    }

    /** Records that these sagas' outcomes are out, in one statement. */
    public void outcomesPublished(Collection<String> sagaIds, String executorId, long epoch) {
        String[] ids = sagaIds.toArray(String[]::new);
        fence.inTerm(epoch, () -> jdbc.query(connection -> {
            PreparedStatement update = connection.prepareStatement("with " + Fence.TERM + """
                    , marked as (update sagas set outcome_published_at = clock_timestamp(), written_by = ?, epoch = ?
                                 where saga_id = any(?))
                    select epoch from term""");
            Object[] parameters = Fence.term(epoch, executorId, epoch);
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.setArray(parameters.length + 1, connection.createArrayOf("text", ids));
            return update;
        }, (ResultSetExtractor<Void>) rows -> null));
    }

    /**
     * The saga, read under the given epoch: a replica that no longer leads learns it here (FencedException) rather
     * than acting on what it read.
     */
    public Optional<SagaRecord> findInTerm(String sagaId, long epoch) {
        return fence.inTerm(epoch, () -> jdbc.queryForObject("with " + Fence.TERM + """
                select saga_id, order_approved, tier, status, reason, deadline, clock, written_by, sagas.epoch,
                       finished_by, finished_epoch, outcome_published_at
                from term left join sagas on saga_id = ?""",
                (row, n) -> row.getString("saga_id") == null ? Optional.<SagaRecord>empty()
                        : Optional.of(record(row, n)),
                Fence.term(epoch, sagaId)));
    }

    public Optional<SagaRecord> find(String sagaId) {
        return jdbc.query("""
                select saga_id, order_approved, tier, status, reason, deadline, clock, written_by, epoch, finished_by,
                       finished_epoch, outcome_published_at
                from sagas where saga_id = ?""", this::record, sagaId).stream().findFirst();
    }

    public List<EnlistedStep> steps(String sagaId) {
        return jdbc.query("""
                select seq, compensation_uri, completion_uri, options from saga_steps where saga_id = ? order by seq""",
                (row, n) -> new EnlistedStep(row.getInt("seq"), row.getString("compensation_uri"),
                        row.getString("completion_uri"), read(row.getString("options"))),
                sagaId);
    }

    /** The running sagas last written under an earlier epoch: the ones a new leader drives on. */
    public List<String> runningBefore(long epoch) {
        return jdbc.queryForList("""
                select saga_id from sagas where status = 'RUNNING' and epoch < ? order by start_seq""",
                String.class, epoch);
    }

    /** Sagas being compensated or completed, or ended with their outcome unpublished. */
    public List<String> endingOrUnpublished(int limit) {
        return jdbc.queryForList("""
                select saga_id from sagas where status in ('COMPENSATING', 'COMPLETING')
                union all
                select saga_id from sagas
                where outcome_published_at is null and status in ('COMPENSATED', 'COMPLETED', 'NEEDS_ATTENTION')
                limit ?""", String.class, limit);
    }

    /** Running sagas whose deadline has passed, earliest first. */
    public List<String> overdue(int limit) {
        return jdbc.queryForList("""
                select saga_id from sagas
                where status = 'RUNNING' and deadline <= clock_timestamp()
                order by deadline limit ?""", String.class, limit);
    }

    private SagaRecord record(ResultSet row, int n) throws SQLException {
        OrderApproved order;
        try {
            order = OrderApproved.parseFrom(row.getBytes("order_approved"));
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("saga " + row.getString("saga_id") + " holds an unreadable order", e);
        }
        return new SagaRecord(row.getString("saga_id"), order, row.getString("tier"),
                SagaStatus.valueOf(row.getString("status")), row.getString("reason"), instant(row, "deadline"),
                VectorClock.parse(row.getString("clock")), row.getString("written_by"), row.getLong("epoch"),
                row.getString("finished_by"), (Long) row.getObject("finished_epoch"),
                row.getTimestamp("outcome_published_at") != null);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Map<String, String> options) {
        try {
            return json.writeValueAsString(new TreeMap<>(options));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("saga options cannot be written as JSON: " + options, e);
        }
    }

    private Map<String, String> read(String options) {
        try {
            return json.readValue(options, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable saga options: " + options, e);
        }
    }
}
