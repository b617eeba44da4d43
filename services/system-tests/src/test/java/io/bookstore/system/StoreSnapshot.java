package io.bookstore.system;

import io.bookstore.testinfra.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row that holds stock, money or an order's state, read straight from the databases: items (stock, price),
 * accounts (credit), orders (status, paid, total) with their lines. Keys are table:id.
 */
record StoreSnapshot(Map<String, String> rows) {

    static StoreSnapshot take(TestInfrastructure infrastructure) {
        Map<String, String> rows = new TreeMap<>();
        read(infrastructure, "stock", "select 'item:' || id, price || '/' || stock from items", rows);
        read(infrastructure, "payment", "select 'account:' || id, credit::text from accounts", rows);
        read(infrastructure, "orchestrator", "select 'order:' || id, status || '/' || paid || '/' || total from orders", rows);
        read(infrastructure, "orchestrator", "select 'line:' || order_id || '#' || line_no,"
                + " coalesce(item_id, '') || '/' || coalesce(title, '') || '/' || quantity || '/' || unit_price from order_lines", rows);
        return new StoreSnapshot(rows);
    }

    private static void read(TestInfrastructure infrastructure, String database, String query, Map<String, String> rows) {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database),
                TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }
}
