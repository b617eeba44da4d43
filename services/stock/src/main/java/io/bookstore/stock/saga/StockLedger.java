package io.bookstore.stock.saga;

import io.bookstore.contracts.saga.StockReply.Outcome;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * Applies saga commands to the stock exactly once per operation key. Each command is one transaction that
 * serializes on its key, answers a repeated command with its recorded outcome, and writes its own outcome in
 * the same transaction as the stock change. A RESERVE changes all its lines or none.
 * <p>
 * Each command is one call of a database function (migration V3), one round trip in a transaction of its own: every
 * checkout sends a RESERVE, and from the client its steps took five.
 */
@Component
public class StockLedger {

    private final JdbcTemplate jdbc;
    private final Set<String> alwaysOutOfStock;

    public StockLedger(JdbcTemplate jdbc,
                       @Value("${stock.failure-injection.always-out-of-stock}") List<String> alwaysOutOfStock) {
        this.jdbc = jdbc;
        this.alwaysOutOfStock = alwaysOutOfStock.stream()
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Subtracts every line (item id to quantity), or none of them when one item is unknown or short. */
    public Decision reserve(String operationKey, String orderId, SortedMap<String, Long> lines) {
        return decide("select outcome, reason, repeated from reserve_stock(?, ?, ?, ?, ?, ?)", statement -> {
            Connection connection = statement.getConnection();
            statement.setString(1, operationKey);
            statement.setString(2, orderId);
            statement.setArray(3, connection.createArrayOf("text", lines.keySet().toArray()));
            statement.setArray(4, connection.createArrayOf("bigint", lines.values().toArray()));
            statement.setString(5, "reserved " + describe(lines));
            statement.setArray(6, connection.createArrayOf("text", alwaysOutOfStock.toArray()));
        });
    }

    /** Adds back exactly what the RESERVE with this key subtracted; with nothing to add back, leaves a tombstone. */
    public Decision release(String operationKey, String orderId) {
        return decide("select outcome, reason, repeated from release_stock(?, ?)", statement -> {
            statement.setString(1, operationKey);
            statement.setString(2, orderId);
        });
    }

    private Decision decide(String call, PreparedStatementSetter arguments) {
        return jdbc.query(call, arguments, (ResultSetExtractor<Decision>) rows -> {
            if (!rows.next()) {
                throw new IllegalStateException("no decision from " + call);
            }
            return new Decision(Outcome.valueOf(rows.getString(1)), rows.getString(2), rows.getBoolean(3));
        });
    }

    private static String describe(Map<String, Long> lines) {
        return lines.entrySet().stream()
                .map(line -> line.getValue() + " x " + line.getKey())
                .collect(Collectors.joining(", "));
    }
}
