package io.bookstore.localstack.consistency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The invariant across the three stores: for every paid checkout, its stock and its money moved exactly once;
 * for every rejected one, not at all; and nothing moved for a checkout the orchestrator does not know.
 * Stock and money moved are read from the participants' operation keys ("order/attempt/step"), which record, in the
 * same transaction as each change, what it subtracted, added back, charged or refunded. Each checkout attempt is a
 * saga of its own ("order/attempt"): an order's current attempt is checked against its status, its earlier attempts
 * (each ended rejected, or the order could not have been checked out again) must have moved nothing, and the
 * checkouts of orders batch_init replaced are checked as they stood when they were replaced.
 * <p>
 * The three stores are read one after the other while checkouts may go on: the orders first, so that every checkout
 * judged had its movements in the participants' stores before they were read; a checkout that started after that
 * (its order's current attempt only when the orders are read again at the end) is pending, for the next check.
 */
public final class ConsistencyCheck {

    private static final String SAGA_OF_KEY = "regexp_replace(o.operation_key, '/[^/]*$', '')";

    private final Function<String, String> jdbcUrl;
    private final String user;
    private final String password;

    public ConsistencyCheck(Function<String, String> jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public Report run() throws SQLException {
        return run(() -> {
        });
    }

    /** The check, with something done after the orders are read and before the participants are (tests). */
    Report run(SqlAction afterOrdersRead) throws SQLException {
        Checkouts checkouts = checkouts();
        afterOrdersRead.run();
        Map<String, Map<String, Long>> stockMoved = query("stock", "select " + SAGA_OF_KEY + """
                , u.item_id, sum(case o.kind when 'RESERVE' then u.quantity else -u.quantity end)
                from operation_keys o, unnest(o.item_ids, o.quantities) as u(item_id, quantity)
                group by 1, u.item_id""", rows -> rows.getString(2));
        Map<String, Map<String, Long>> moneyMoved = query("payment", "select " + SAGA_OF_KEY + """
                , '', sum(case o.kind when 'CHARGE' then o.amount else -o.amount end)
                from operation_keys o group by 1""", rows -> "");
        Set<String> currentNow = currentAttempts();

        List<String> differences = new ArrayList<>();
        int paid = 0;
        int rejected = 0;
        int pending = 0;
        int otherAttempts = 0;
        TreeSet<String> touched = new TreeSet<>(stockMoved.keySet());
        touched.addAll(moneyMoved.keySet());
        for (String sagaId : touched) {
            if (checkouts.bySaga().containsKey(sagaId)) {
                continue;
            }
            if (currentNow.contains(sagaId)) {
                pending++;
                continue;
            }
            Map<String, Long> stock = nonZero(stockMoved.getOrDefault(sagaId, Map.of()));
            long money = moneyMoved.getOrDefault(sagaId, Map.of()).getOrDefault("", 0L);
            String orderId = sagaId.substring(0, Math.max(sagaId.lastIndexOf('/'), 0));
            if (!checkouts.orderIds().contains(orderId)) {
                differences.add(sagaId + ": stock or money moved for a checkout the orchestrator does not know");
            } else {
                otherAttempts++;
                if (!stock.isEmpty() || money != 0) {
                    differences.add(sagaId + ": not the current attempt of order " + orderId + ", but stock moved " + stock
                            + " and " + money + " was charged");
                }
            }
        }
        for (Checkout checkout : checkouts.bySaga().values()) {
            Map<String, Long> stock = nonZero(stockMoved.getOrDefault(checkout.sagaId(), Map.of()));
            long money = moneyMoved.getOrDefault(checkout.sagaId(), Map.of()).getOrDefault("", 0L);
            switch (checkout.status()) {
                case "PAID" -> {
                    paid++;
                    if (!stock.equals(checkout.lines())) {
                        differences.add(checkout.sagaId() + ": paid, but stock moved " + stock + " for lines " + checkout.lines());
                    }
                    if (money != checkout.total()) {
                        differences.add(checkout.sagaId() + ": paid, but " + money + " was charged for a total of "
                                + checkout.total());
                    }
                }
                case "REJECTED" -> {
                    rejected++;
                    if (!stock.isEmpty() || money != 0) {
                        differences.add(checkout.sagaId() + ": rejected, but stock moved " + stock + " and " + money
                                + " was charged");
                    }
                }
                default -> {
                    if (!stock.isEmpty() || money != 0) {
                        pending++;
                    }
                }
            }
        }
        return new Report(paid, rejected, pending, otherAttempts, checkouts.replaced(), differences);
    }

    /** Every order's current attempt, and the checkouts of the orders batch_init replaced. */
    private Checkouts checkouts() throws SQLException {
        Map<String, Checkout> bySaga = new HashMap<>();
        Map<String, Checkout> byOrder = new HashMap<>();
        int replaced = 0;
        try (Connection connection = connect("orchestrator"); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select id, status, total, attempt from orders")) {
                while (rows.next()) {
                    Checkout checkout = new Checkout(rows.getString(1) + "/" + rows.getInt(4), rows.getString(2),
                            rows.getLong(3), new TreeMap<>());
                    bySaga.put(checkout.sagaId(), checkout);
                    byOrder.put(rows.getString(1), checkout);
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    // a line is priced (given its book's id) at approval; a checkout rejected before has none to move
                    "select order_id, item_id, sum(quantity) from order_lines where quantity > 0 and item_id is not null "
                            + "group by order_id, item_id")) {
                while (rows.next()) {
                    byOrder.get(rows.getString(1)).lines().put(rows.getString(2), rows.getLong(3));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "select saga_id, status, total, item_ids, quantities from replaced_checkouts")) {
                while (rows.next()) {
                    Map<String, Long> lines = new TreeMap<>();
                    String[] items = (String[]) rows.getArray(4).getArray();
                    Long[] quantities = (Long[]) rows.getArray(5).getArray();
                    for (int i = 0; i < items.length; i++) {
                        lines.merge(items[i], quantities[i], Long::sum);
                    }
                    bySaga.put(rows.getString(1), new Checkout(rows.getString(1), rows.getString(2), rows.getLong(3), lines));
                    replaced++;
                }
            }
        }
        return new Checkouts(bySaga, byOrder.keySet(), replaced);
    }

    /** Every order's current attempt as a saga id, read again. */
    private Set<String> currentAttempts() throws SQLException {
        Set<String> sagaIds = new HashSet<>();
        try (Connection connection = connect("orchestrator"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id || '/' || attempt from orders")) {
            while (rows.next()) {
                sagaIds.add(rows.getString(1));
            }
        }
        return sagaIds;
    }

    private Map<String, Map<String, Long>> query(String database, String sql, SqlFunction<String> key) throws SQLException {
        Map<String, Map<String, Long>> moved = new HashMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                moved.computeIfAbsent(rows.getString(1), id -> new TreeMap<>()).put(key.apply(rows), rows.getLong(3));
            }
        }
        return moved;
    }

    private static Map<String, Long> nonZero(Map<String, Long> moved) {
        Map<String, Long> result = new TreeMap<>();
        moved.forEach((item, quantity) -> {
            if (!Objects.equals(quantity, 0L)) {
                result.put(item, quantity);
            }
        });
        return result;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl.apply(database), user, password);
    }

    private interface SqlFunction<T> {
        T apply(ResultSet rows) throws SQLException;
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    private record Checkout(String sagaId, String status, long total, Map<String, Long> lines) {
    }

    private record Checkouts(Map<String, Checkout> bySaga, Set<String> orderIds, int replaced) {
    }

    /**
     * What the check found: checkouts paid, rejected, and pending (their saga has moved something but not ended yet,
     * or started while the check read), those of orders batch_init replaced among them; and earlier attempts of
     * orders checked out again (each must have moved nothing).
     */
    public record Report(int paid, int rejected, int pending, int otherAttempts, int replaced, List<String> differences) {

        public boolean consistent() {
            return differences.isEmpty();
        }
    }
}
