package io.bookstore.localstack.consistency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The invariant across the three stores: for every paid order, its stock and its money moved exactly once;
 * for every rejected order, not at all; and nothing moved for an order the orchestrator does not know.
 * Stock and money moved for an order are read from the participants' operation keys, which record, in the same
 * transaction as each change, what it subtracted, added back, charged or refunded.
 */
public final class ConsistencyCheck {

    private final Function<String, String> jdbcUrl;
    private final String user;
    private final String password;

    public ConsistencyCheck(Function<String, String> jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public Report run() throws SQLException {
        Map<String, Order> orders = orders();
        Map<String, Map<String, Long>> stockMoved = query("stock", """
                select o.order_id, u.item_id, sum(case o.kind when 'RESERVE' then u.quantity else -u.quantity end)
                from operation_keys o, unnest(o.item_ids, o.quantities) as u(item_id, quantity)
                group by o.order_id, u.item_id""", rows -> rows.getString(2));
        Map<String, Map<String, Long>> moneyMoved = query("payment", """
                select order_id, '', sum(case kind when 'CHARGE' then amount else -amount end)
                from operation_keys group by order_id""", rows -> "");

        List<String> differences = new ArrayList<>();
        int paid = 0;
        int rejected = 0;
        int pending = 0;
        TreeSet<String> touched = new TreeSet<>(stockMoved.keySet());
        touched.addAll(moneyMoved.keySet());
        for (String orderId : touched) {
            if (!orders.containsKey(orderId)) {
                differences.add(orderId + ": stock or money moved for an order the orchestrator does not know");
            }
        }
        for (Order order : orders.values()) {
            Map<String, Long> stock = nonZero(stockMoved.getOrDefault(order.id(), Map.of()));
            long money = moneyMoved.getOrDefault(order.id(), Map.of()).getOrDefault("", 0L);
            switch (order.status()) {
                case "PAID" -> {
                    paid++;
                    if (!stock.equals(order.lines())) {
                        differences.add(order.id() + ": paid, but stock moved " + stock + " for lines " + order.lines());
                    }
                    if (money != order.total()) {
                        differences.add(order.id() + ": paid, but " + money + " was charged for a total of " + order.total());
                    }
                }
                case "REJECTED" -> {
                    rejected++;
                    if (!stock.isEmpty() || money != 0) {
                        differences.add(order.id() + ": rejected, but stock moved " + stock + " and " + money + " was charged");
                    }
                }
                default -> {
                    if (!stock.isEmpty() || money != 0) {
                        pending++;
                    }
                }
            }
        }
        return new Report(paid, rejected, pending, differences);
    }

    private Map<String, Order> orders() throws SQLException {
        Map<String, Order> orders = new HashMap<>();
        try (Connection connection = connect("orchestrator"); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select id, status, total from orders")) {
                while (rows.next()) {
                    orders.put(rows.getString(1), new Order(rows.getString(1), rows.getString(2), rows.getLong(3), new TreeMap<>()));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    // a line is priced (given its book's id) at approval; a checkout rejected before has none to move
                    "select order_id, item_id, sum(quantity) from order_lines where quantity > 0 and item_id is not null "
                            + "group by order_id, item_id")) {
                while (rows.next()) {
                    Order order = orders.get(rows.getString(1));
                    order.lines().put(rows.getString(2), rows.getLong(3));
                }
            }
        }
        return orders;
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

    private record Order(String id, String status, long total, Map<String, Long> lines) {
    }

    /** What the check found; a pending order is one whose saga has moved something but not ended yet. */
    public record Report(int paid, int rejected, int pending, List<String> differences) {

        public boolean consistent() {
            return differences.isEmpty();
        }
    }
}
