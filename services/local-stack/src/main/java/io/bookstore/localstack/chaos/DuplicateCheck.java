package io.bookstore.localstack.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Orders executed or applied twice: more than one saga for an order checked out once, or more than one stock
 * reservation or charge that actually moved something for the same order.
 */
final class DuplicateCheck {

    private final Function<String, String> jdbcUrl;
    private final String user;
    private final String password;

    DuplicateCheck(Function<String, String> jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    Set<String> duplicated(Collection<String> orderIds) throws SQLException {
        Set<String> duplicated = new TreeSet<>();
        duplicated.addAll(query("order_executor",
                "select order_id from sagas where order_id = any(?) group by order_id having count(*) > 1", orderIds));
        duplicated.addAll(query("stock", "select order_id from operation_keys where kind = 'RESERVE'"
                + " and cardinality(item_ids) > 0 and order_id = any(?) group by order_id having count(*) > 1", orderIds));
        duplicated.addAll(query("payment", "select order_id from operation_keys where kind = 'CHARGE'"
                + " and amount > 0 and order_id = any(?) group by order_id having count(*) > 1", orderIds));
        return duplicated;
    }

    private Set<String> query(String database, String sql, Collection<String> orderIds) throws SQLException {
        Set<String> found = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl.apply(database), user, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf("text", orderIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }
}
