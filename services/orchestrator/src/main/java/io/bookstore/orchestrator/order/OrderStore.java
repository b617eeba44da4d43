package io.bookstore.orchestrator.order;

import io.bookstore.causality.VectorClock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The orchestrator's orders, their lines and their causal history, in its own PostgreSQL database. */
@Component
public class OrderStore {

    // the history has no foreign key (V7): an event names its order only while the order's row is locked, here
    // against batch_init's delete as the key's check did
    private static final String INSERT_EVENT = "insert into order_events (order_id, service, event, clock) "
            + "select id, ?, ?, ? from orders where id = ? for key share";
    /** The ids "0".."n-1" of the orders batch_init replaces; its one parameter is n. */
    private static final String REPLACED_IDS = "(select g::text from generate_series(0, ? - 1) g)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public OrderStore(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Records a received checkout, unless its idempotency key was used before: then nothing is written and the order
     * of the key's first use is returned. Two concurrent first uses of a key make one order (the key's primary key
     * makes the second wait for the first, then find it).
     */
    public Optional<IdempotencyKey.FirstUse> insertCheckoutOrder(String orderId, String accountId, String tier,
                                                                 List<OrderLine> lines, OrderEvent received,
                                                                 Optional<IdempotencyKey> key) {
        return transaction.execute(status -> {
            jdbc.update("insert into orders (id, source, account_id, tier, status, clock) values (?, 'checkout', ?, ?, ?, ?)",
                    orderId, accountId, tier, OrderStatus.VERIFYING.name(), received.clock().toString());
            insertLines(orderId, lines, 0);
            insertEvent(orderId, received);
            if (key.isEmpty() || jdbc.update("insert into idempotency_keys (idempotency_key, request_hash, order_id) "
                    + "values (?, ?, ?) on conflict (idempotency_key) do nothing",
                    key.get().value(), key.get().requestHash(), orderId) == 1) {
                return Optional.empty();
            }
            status.setRollbackOnly();
            return Optional.of(jdbc.queryForObject("select order_id, request_hash from idempotency_keys where idempotency_key = ?",
                    (row, n) -> new IdempotencyKey.FirstUse(row.getString("order_id"),
                            row.getString("request_hash").equals(key.get().requestHash())), key.get().value()));
        });
    }

    /** An order that could not be decided frees its idempotency key: a retry is a new try, not a replay. */
    public void releaseIdempotencyKey(String orderId) {
        jdbc.update("delete from idempotency_keys where order_id = ?", orderId);
    }

    public void recordEvent(String orderId, OrderEvent event) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("update orders set clock = ?, updated_at = now() where id = ?", event.clock().toString(), orderId);
            insertEvent(orderId, event);
        });
    }

    public void recordEvents(String orderId, List<OrderEvent> events) {
        transaction.executeWithoutResult(status -> events.forEach(event -> insertEvent(orderId, event)));
    }

    /** Moves the order to a final or next state, with the event that caused it. */
    public void transition(String orderId, OrderStatus next, String reason, OrderEvent event) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("update orders set status = ?, reason = ?, clock = ?, updated_at = now() where id = ?",
                    next.name(), reason, event.clock().toString(), orderId);
            insertEvent(orderId, event);
        });
    }

    /** Approval prices the lines and writes the message that queues the order in the same transaction. */
    public void approve(String orderId, List<OrderLine> pricedLines, long total, OrderEvent event, OutboxMessage queued) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("delete from order_lines where order_id = ?", orderId);
            insertLines(orderId, pricedLines, 0);
            jdbc.update("update orders set status = ?, total = ?, clock = ?, updated_at = now() where id = ?",
                    OrderStatus.APPROVED.name(), total, event.clock().toString(), orderId);
            insertEvent(orderId, event);
            jdbc.update("insert into outbox (topic, message_key, headers, payload) values (?, ?, ?, ?)",
                    queued.topic(), queued.key(), queued.headers(), queued.payload());
        });
    }

    public void insertBenchmarkOrder(String orderId, String userId) {
        jdbc.update("insert into orders (id, source, user_id, account_id, status) values (?, 'benchmark', ?, ?, ?)",
                orderId, userId, userId, OrderStatus.OPEN.name());
    }

    /** Appends a line and raises the total under the order's row lock; refused for unknown or paid orders. */
    public AddItemResult addItem(String orderId, OrderLine line) {
        return transaction.execute(status -> {
            List<Boolean> paid = jdbc.query("select paid from orders where id = ? for update",
                    (rows, n) -> rows.getBoolean(1), orderId);
            if (paid.isEmpty()) {
                return AddItemResult.UNKNOWN_ORDER;
            }
            if (paid.get(0)) {
                return AddItemResult.ALREADY_PAID;
            }
            Integer next = jdbc.queryForObject("select coalesce(max(line_no) + 1, 0) from order_lines where order_id = ?",
                    Integer.class, orderId);
            insertLines(orderId, List.of(line), next);
            jdbc.update("update orders set total = total + ?, updated_at = now() where id = ?",
                    line.unitPrice() * line.quantity(), orderId);
            return AddItemResult.ADDED;
        });
    }

    /**
     * The benchmark's batch_init: orders "0".."n-1" replace earlier ones, each with two random items and a random user;
     * a replaced order's history goes with it.
     * Each replaced order's attempt is recorded with what it was, so that the stock and money its saga moves stay
     * accounted for. No checkout may start between that record and the replacement: one that did had its attempt
     * deleted unrecorded while its saga went on to pay (a second make bench started over a running one). The table
     * lock waits for checkouts starting now and holds back the next ones until the new orders are in.
     */
    public void batchInit(long n, long items, long users, long itemPrice) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("lock table orders in exclusive mode");
            jdbc.update("insert into replaced_checkouts (saga_id, status, total, item_ids, quantities) "
                    + "select o.id || '/' || o.attempt, o.status, o.total, "
                    + "coalesce(array_agg(l.item_id) filter (where l.item_id is not null and l.quantity > 0), '{}'), "
                    + "coalesce(array_agg(l.quantity) filter (where l.item_id is not null and l.quantity > 0), '{}') "
                    + "from orders o left join order_lines l on l.order_id = o.id "
                    + "where o.id in " + REPLACED_IDS + " and o.attempt > 0 "
                    + "group by o.id", n);
            jdbc.update("delete from order_events where order_id in " + REPLACED_IDS, n);
            jdbc.update("delete from orders where id in " + REPLACED_IDS, n);
            jdbc.update("insert into orders (id, source, user_id, account_id, total, status) "
                            + "select g::text, 'benchmark', u, u, 2 * ?, ? from "
                            + "(select g, floor(random() * ?)::bigint::text as u from generate_series(0, ? - 1) g) s",
                    itemPrice, OrderStatus.OPEN.name(), users, n);
            jdbc.update("insert into order_lines (order_id, line_no, item_id, quantity, unit_price) "
                            + "select g::text, l, floor(random() * ?)::bigint::text, 1, ? "
                            + "from generate_series(0, ? - 1) g cross join generate_series(0, 1) l",
                    items, itemPrice, n);
        });
    }

    public enum AddItemResult { ADDED, UNKNOWN_ORDER, ALREADY_PAID }

    /**
     * An executor's progress on an approved order: the saga's stage becomes the order's status (none: it stays), and
     * the order keeps the latest executor and epoch.
     */
    public record ExecutionProgress(String orderId, int attempt, String executorId, long epoch,
                                    Optional<OrderStatus> stage, OrderEvent event) {
    }

    /** What became of one event of a batch of executors' progress. */
    public enum ProgressRecord {
        RECORDED,
        /** The same event (service, event and clock) is in the order's history already: a redelivery. */
        ALREADY_RECORDED,
        UNKNOWN_ORDER
    }

    /**
     * Records a batch of executors' progress, as the consumer read it, in one transaction of one statement: each
     * order moves once, to the stage of its latest new event, and keeps the latest executor and epoch; the new events
     * are appended in the batch's order. An event already in the order's history (a redelivery: offsets are
     * committed after their events, and not after every batch) changes nothing. Answers what became of each event.
     */
    public ProgressRecord[] recordExecutions(List<ExecutionProgress> progress) {
        int size = progress.size();
        String[] orderIds = new String[size];
        Integer[] attempts = new Integer[size];
        String[] executorIds = new String[size];
        Long[] epochs = new Long[size];
        String[] stages = new String[size];
        String[] services = new String[size];
        String[] events = new String[size];
        String[] clocks = new String[size];
        for (int i = 0; i < size; i++) {
            ExecutionProgress step = progress.get(i);
            orderIds[i] = step.orderId();
            attempts[i] = step.attempt();
            executorIds[i] = step.executorId();
            epochs[i] = step.epoch();
            stages[i] = step.stage().map(OrderStatus::name).orElse(null);
            services[i] = step.event().service();
            events[i] = step.event().event();
            clocks[i] = step.event().clock().toString();
        }
        // an execution event may arrive after the saga's outcome, or after the order's next attempt started: it
        // never moves a final state back, nor another attempt's state (no stage is a final state, so the latest
        // stage of the order's own attempt is where a one-by-one replay of the batch would leave it)
        ProgressRecord[] answer = new ProgressRecord[size];
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    with batch as (
                        select * from unnest(?::text[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                             ?::text[], ?::text[])
                            with ordinality as b (order_id, attempt, executor_id, epoch, stage, service, event, clock, n)
                    ), fresh as (
                        select distinct on (order_id, service, event, clock) * from batch b
                        where not exists (select 1 from order_events e where e.order_id = b.order_id
                                          and e.service = b.service and e.event = b.event and e.clock = b.clock)
                        order by order_id, service, event, clock, n
                    ), latest as (
                        select distinct on (order_id) order_id, executor_id, epoch from fresh order by order_id, n desc
                    ), progressed as (
                        update orders o
                        set executor_id = latest.executor_id, executor_epoch = latest.epoch,
                            status = case when o.status in ('PAID', 'REJECTED', 'NEEDS_ATTENTION') then o.status
                                     else coalesce((select f.stage from fresh f
                                                    where f.order_id = o.id and f.attempt = o.attempt
                                                      and f.stage is not null
                                                    order by f.n desc limit 1), o.status) end,
                            updated_at = now()
                        from latest where o.id = latest.order_id
                        returning o.id
                    ), recorded as (
                        insert into order_events (order_id, service, event, clock)
                        select f.order_id, f.service, f.event, f.clock from fresh f
                        where f.order_id in (select id from progressed) order by f.n
                    )
                    select b.n, exists (select 1 from orders o where o.id = b.order_id) as known,
                           exists (select 1 from fresh f where f.n = b.n) as new
                    from batch b""");
            statement.setArray(1, connection.createArrayOf("text", orderIds));
            statement.setArray(2, connection.createArrayOf("int4", attempts));
            statement.setArray(3, connection.createArrayOf("text", executorIds));
            statement.setArray(4, connection.createArrayOf("int8", epochs));
            statement.setArray(5, connection.createArrayOf("text", stages));
            statement.setArray(6, connection.createArrayOf("text", services));
            statement.setArray(7, connection.createArrayOf("text", events));
            statement.setArray(8, connection.createArrayOf("text", clocks));
            return statement;
        }, (RowCallbackHandler) row -> answer[(int) row.getLong("n") - 1] = !row.getBoolean("known")
                ? ProgressRecord.UNKNOWN_ORDER
                : row.getBoolean("new") ? ProgressRecord.RECORDED : ProgressRecord.ALREADY_RECORDED);
        return answer;
    }

    /**
     * Starts a checkout of a benchmark order unless one is running or it is paid: under the order's row lock,
     * so two concurrent checkouts of one order start one saga. The message that queues it commits with it. The
     * order's history is not read: the queued message needs only its lines (locked with the order, see addItem).
     * Three statements and the commit: every round trip to the database costs both sides CPU (make bench).
     */
    public CheckoutStart startCheckout(String orderId, Function<CheckoutAttempt, OutboxMessage> queueMessage,
                                       OrderEvent queued) {
        return transaction.execute(status -> {
            List<String> state = jdbc.query("select status from orders where id = ? for update",
                    (rows, n) -> rows.getString(1), orderId);
            if (state.isEmpty()) {
                return CheckoutStart.UNKNOWN_ORDER;
            }
            OrderStatus current = OrderStatus.valueOf(state.get(0));
            if (current == OrderStatus.PAID) {
                return CheckoutStart.ALREADY_PAID;
            }
            if (current != OrderStatus.OPEN && current != OrderStatus.REJECTED) {
                return CheckoutStart.IN_PROGRESS;
            }
            // A statement of its own, after the lock: its snapshot holds every line committed before the lock was
            // granted. An order without lines is left as it is.
            List<CheckoutAttempt> started = jdbc.query("""
                            with moved as (
                                update orders set status = ?, reason = null, attempt = nextval('checkout_attempts'),
                                                  clock = ?, updated_at = now()
                                where id = ? and exists (select 1 from order_lines where order_id = ?)
                                returning account_id, total, attempt
                            ), recorded as (
                                insert into order_events (order_id, service, event, clock) select ?, ?, ?, ? from moved
                            )
                            select moved.account_id, moved.total, moved.attempt,
                                   l.item_id, l.title, l.quantity, l.unit_price
                            from moved, order_lines l where l.order_id = ? order by l.line_no""",
                    (ResultSetExtractor<List<CheckoutAttempt>>) rows -> attempts(orderId, rows),
                    OrderStatus.QUEUED.name(), queued.clock().toString(), orderId, orderId,
                    orderId, queued.service(), queued.event(), queued.clock().toString(), orderId);
            if (started.isEmpty()) {
                return CheckoutStart.NO_ITEMS;
            }
            OutboxMessage message = queueMessage.apply(started.get(0));
            jdbc.update("insert into outbox (topic, message_key, headers, payload) values (?, ?, ?, ?)",
                    message.topic(), message.key(), message.headers(), message.payload());
            return CheckoutStart.STARTED;
        });
    }

    /** The attempt and its lines, from one row per line; none when no row came back. */
    private static List<CheckoutAttempt> attempts(String orderId, ResultSet rows) throws SQLException {
        List<OrderLine> lines = new ArrayList<>();
        String accountId = null;
        long total = 0;
        int attempt = 0;
        while (rows.next()) {
            accountId = rows.getString(1);
            total = rows.getLong(2);
            attempt = rows.getInt(3);
            lines.add(new OrderLine(rows.getString(4), rows.getString(5), (Integer) rows.getObject(6), rows.getLong(7)));
        }
        return lines.isEmpty() ? List.of() : List.of(new CheckoutAttempt(orderId, accountId, total, attempt, lines));
    }

    /**
     * A saga's final state; an outcome of an earlier attempt, or one seen before, changes nothing. One statement: the
     * order's row and its history change together or not at all.
     */
    public boolean recordOutcome(String orderId, int attempt, OrderStatus outcome, String reason, OrderEvent event) {
        Integer moved = jdbc.queryForObject("""
                        with moved as (
                            update orders set status = ?, paid = ?, reason = ?, clock = ?, updated_at = now()
                            where id = ? and attempt = ? and status not in ('PAID', 'REJECTED', 'NEEDS_ATTENTION')
                            returning id
                        ), recorded as (
                            insert into order_events (order_id, service, event, clock) select id, ?, ?, ? from moved
                        )
                        select count(*)::int from moved""",
                Integer.class, outcome.name(), outcome == OrderStatus.PAID, reason, event.clock().toString(),
                orderId, attempt, event.service(), event.event(), event.clock().toString());
        return moved != null && moved == 1;
    }

    public enum CheckoutStart { STARTED, IN_PROGRESS, ALREADY_PAID, UNKNOWN_ORDER, NO_ITEMS }

    /** One query after the other: a query nested in a row mapper would hold two pooled connections at once. */
    public Optional<OrderRecord> find(String orderId) {
        List<OrderLine> lines = lines(orderId);
        List<OrderEvent> events = events(orderId);
        List<OrderRecord> found = jdbc.query(
                "select id, source, user_id, account_id, tier, total, paid, status, reason, clock, created_at, executor_id, executor_epoch, attempt "
                        + "from orders where id = ?",
                (rows, n) -> mapOrder(rows, lines, events), orderId);
        return found.stream().findFirst();
    }

    public Optional<OrderState> state(String orderId) {
        return jdbc.query("select status, reason, clock from orders where id = ?",
                (rows, n) -> new OrderState(orderId, OrderStatus.valueOf(rows.getString(1)), rows.getString(2),
                        VectorClock.parse(rows.getString(3))), orderId).stream().findFirst();
    }

    public boolean exists(String orderId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from orders where id = ?)", Boolean.class, orderId));
    }

    /** Events in causal order: a linear extension of happened-before (a clock's sum grows along every causal chain). */
    public List<OrderEvent> events(String orderId) {
        return jdbc.query("select service, event, clock from order_events where order_id = ? order by id",
                        (rows, n) -> new OrderEvent(rows.getString(1), rows.getString(2), VectorClock.parse(rows.getString(3))),
                        orderId)
                .stream()
                .sorted(Comparator.comparingLong(OrderStore::clockSum))
                .toList();
    }

    public List<OrderLine> lines(String orderId) {
        return jdbc.query("select item_id, title, quantity, unit_price from order_lines where order_id = ? order by line_no",
                (rows, n) -> new OrderLine(rows.getString(1), rows.getString(2), (Integer) rows.getObject(3), rows.getLong(4)),
                orderId);
    }

    void insertLines(String orderId, List<OrderLine> lines, int firstLineNo) {
        List<Object[]> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            rows.add(new Object[] {orderId, firstLineNo + i, line.itemId(), line.title(), line.quantity(), line.unitPrice()});
        }
        jdbc.batchUpdate("insert into order_lines (order_id, line_no, item_id, title, quantity, unit_price) values (?, ?, ?, ?, ?, ?)",
                rows);
    }

    private void insertEvent(String orderId, OrderEvent event) {
        if (jdbc.update(INSERT_EVENT, event.service(), event.event(), event.clock().toString(), orderId) == 0) {
            throw new IllegalStateException("no order " + orderId + " to record \"" + event.event() + "\" for");
        }
    }

    private static long clockSum(OrderEvent event) {
        return event.clock().entries().values().stream().mapToLong(Long::longValue).sum();
    }

    private static OrderRecord mapOrder(ResultSet rows, List<OrderLine> lines, List<OrderEvent> events) throws SQLException {
        return new OrderRecord(rows.getString("id"), rows.getString("source"), rows.getString("user_id"),
                rows.getString("account_id"), rows.getString("tier"), rows.getLong("total"), rows.getBoolean("paid"),
                OrderStatus.valueOf(rows.getString("status")), rows.getString("reason"),
                VectorClock.parse(rows.getString("clock")), rows.getTimestamp("created_at").toInstant(),
                rows.getString("executor_id"), (Long) rows.getObject("executor_epoch"), rows.getInt("attempt"), lines, events);
    }
}
