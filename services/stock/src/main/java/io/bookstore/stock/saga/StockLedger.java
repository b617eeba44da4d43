package io.bookstore.stock.saga;

import io.bookstore.contracts.saga.StockReply.Outcome;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies saga commands to the stock exactly once per operation key. Each command is one transaction that
 * serializes on its key, answers a repeated command with its recorded outcome, and writes its own outcome in
 * the same transaction as the stock change. A RESERVE changes all its lines or none.
 */
@Component
public class StockLedger {

    private static final String RESERVE = "RESERVE";
    private static final String RELEASE = "RELEASE";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Set<String> alwaysOutOfStock;

    public StockLedger(JdbcTemplate jdbc, TransactionTemplate transaction,
                       @Value("${stock.failure-injection.always-out-of-stock}") List<String> alwaysOutOfStock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.alwaysOutOfStock = alwaysOutOfStock.stream()
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Subtracts every line (item id to quantity), or none of them when one item is unknown or short. */
    public Decision reserve(String operationKey, String orderId, SortedMap<String, Long> lines) {
        return transaction.execute(status -> {
            lockOperationKey(operationKey);
            Optional<Recorded> earlier = recorded(operationKey, RESERVE);
            if (earlier.isPresent()) {
                return earlier.get().repeated();
            }
            if (recorded(operationKey, RELEASE).isPresent()) {
                return record(operationKey, RESERVE, orderId, Outcome.REFUSED_AFTER_UNDO,
                        "refused: this reserve was already released", Map.of());
            }
            Map<String, Item> items = lockItems(lines.keySet());
            for (String itemId : lines.keySet()) {
                if (!items.containsKey(itemId)) {
                    return record(operationKey, RESERVE, orderId, Outcome.UNKNOWN_ITEM, "unknown item: " + itemId, Map.of());
                }
            }
            for (Map.Entry<String, Long> line : lines.entrySet()) {
                Item item = items.get(line.getKey());
                if (item.stock() < line.getValue() || isAlwaysOutOfStock(item)) {
                    return record(operationKey, RESERVE, orderId, Outcome.OUT_OF_STOCK, "out of stock: " + item.name(), Map.of());
                }
            }
            lines.forEach((itemId, quantity) -> {
                int changed = jdbc.update("update items set stock = stock - ? where id = ? and stock >= ?",
                        quantity, itemId, quantity);
                if (changed != 1) {
                    throw new IllegalStateException("stock of locked item " + itemId + " changed during the reserve");
                }
            });
            return record(operationKey, RESERVE, orderId, Outcome.RESERVED, "reserved " + describe(lines), lines);
        });
    }

    /** Adds back exactly what the RESERVE with this key subtracted; with nothing to add back, leaves a tombstone. */
    public Decision release(String operationKey, String orderId) {
        return transaction.execute(status -> {
            lockOperationKey(operationKey);
            Optional<Recorded> earlier = recorded(operationKey, RELEASE);
            if (earlier.isPresent()) {
                return earlier.get().repeated();
            }
            Optional<Recorded> reserve = recorded(operationKey, RESERVE);
            if (reserve.isEmpty()) {
                return record(operationKey, RELEASE, orderId, Outcome.RELEASED,
                        "nothing was reserved; a later reserve with this key will be refused", Map.of());
            }
            if (reserve.get().outcome() != Outcome.RESERVED) {
                return record(operationKey, RELEASE, orderId, Outcome.RELEASED,
                        "nothing to release: the reserve was " + reserve.get().outcome(), Map.of());
            }
            SortedMap<String, Long> lines = reserve.get().lines();
            lines.forEach((itemId, quantity) ->
                    jdbc.update("update items set stock = stock + ? where id = ?", quantity, itemId));
            return record(operationKey, RELEASE, orderId, Outcome.RELEASED, "released " + describe(lines), lines);
        });
    }

    /** Serializes every command carrying this key, whichever consumer or instance delivers it. */
    private void lockOperationKey(String operationKey) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))",
                (ResultSetExtractor<Void>) rows -> null, operationKey);
    }

    private Map<String, Item> lockItems(Set<String> itemIds) {
        List<Item> items = jdbc.query(
                "select id, title, stock from items where id = any(?) order by id for update",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", itemIds.toArray())),
                (row, index) -> new Item(row.getString("id"), row.getString("title"), row.getLong("stock")));
        return items.stream().collect(Collectors.toMap(Item::id, item -> item));
    }

    private boolean isAlwaysOutOfStock(Item item) {
        return alwaysOutOfStock.contains(item.id().toLowerCase(Locale.ROOT))
                || item.title() != null && alwaysOutOfStock.contains(item.title().toLowerCase(Locale.ROOT));
    }

    private Optional<Recorded> recorded(String operationKey, String kind) {
        return jdbc.query(
                "select outcome, reason, item_ids, quantities from operation_keys where operation_key = ? and kind = ?",
                (row, index) -> new Recorded(Outcome.valueOf(row.getString("outcome")), row.getString("reason"),
                        lines(row)),
                operationKey, kind).stream().findFirst();
    }

    private Decision record(String operationKey, String kind, String orderId, Outcome outcome, String reason,
                            Map<String, Long> lines) {
        jdbc.update("insert into operation_keys (operation_key, kind, order_id, outcome, reason, item_ids, quantities)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, operationKey);
                    statement.setString(2, kind);
                    statement.setString(3, orderId);
                    statement.setString(4, outcome.name());
                    statement.setString(5, reason);
                    statement.setArray(6, statement.getConnection().createArrayOf("text", lines.keySet().toArray()));
                    statement.setArray(7, statement.getConnection().createArrayOf("bigint", lines.values().toArray()));
                });
        return new Decision(outcome, reason, false);
    }

    private static SortedMap<String, Long> lines(ResultSet row) throws SQLException {
        Array itemIds = row.getArray("item_ids");
        Array quantities = row.getArray("quantities");
        String[] ids = (String[]) itemIds.getArray();
        Long[] amounts = (Long[]) quantities.getArray();
        SortedMap<String, Long> lines = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            lines.put(ids[i], amounts[i]);
        }
        return lines;
    }

    private static String describe(Map<String, Long> lines) {
        return lines.entrySet().stream()
                .map(line -> line.getValue() + " x " + line.getKey())
                .collect(Collectors.joining(", "));
    }

    private record Item(String id, String title, long stock) {
        String name() {
            return title != null ? title : id;
        }
    }

    private record Recorded(Outcome outcome, String reason, SortedMap<String, Long> lines) {
        Decision repeated() {
            return new Decision(outcome, reason, true);
        }
    }
}
