package io.bookstore.stock.saga;

import io.bookstore.contracts.saga.StockReply.Outcome;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
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
            Map<String, Recorded> earlier = recorded(operationKey);
            if (earlier.containsKey(RESERVE)) {
                return earlier.get(RESERVE).repeated();
            }
            if (earlier.containsKey(RELEASE)) {
                return record(operationKey, RESERVE, orderId, Outcome.REFUSED_AFTER_UNDO,
                        "refused: this reserve was already released");
            }
            Map<String, Item> items = lockItems(lines.keySet());
            for (String itemId : lines.keySet()) {
                if (!items.containsKey(itemId)) {
                    return record(operationKey, RESERVE, orderId, Outcome.UNKNOWN_ITEM, "unknown item: " + itemId);
                }
            }
            for (Map.Entry<String, Long> line : lines.entrySet()) {
                Item item = items.get(line.getKey());
                if (item.stock() < line.getValue() || isAlwaysOutOfStock(item)) {
                    return record(operationKey, RESERVE, orderId, Outcome.OUT_OF_STOCK, "out of stock: " + item.name());
                }
            }
            return record(operationKey, RESERVE, orderId, Outcome.RESERVED, "reserved " + describe(lines), lines, -1);
        });
    }

    /** Adds back exactly what the RESERVE with this key subtracted; with nothing to add back, leaves a tombstone. */
    public Decision release(String operationKey, String orderId) {
        return transaction.execute(status -> {
            lockOperationKey(operationKey);
            Map<String, Recorded> earlier = recorded(operationKey);
            if (earlier.containsKey(RELEASE)) {
                return earlier.get(RELEASE).repeated();
            }
            Recorded reserve = earlier.get(RESERVE);
            if (reserve == null) {
                return record(operationKey, RELEASE, orderId, Outcome.RELEASED,
                        "nothing was reserved; a later reserve with this key will be refused");
            }
            if (reserve.outcome() != Outcome.RESERVED) {
                return record(operationKey, RELEASE, orderId, Outcome.RELEASED,
                        "nothing to release: the reserve was " + reserve.outcome());
            }
            SortedMap<String, Long> lines = reserve.lines();
            // in id order, as a reserve locks them: two commands never wait for each other's rows
            lockItems(lines.keySet());
            return record(operationKey, RELEASE, orderId, Outcome.RELEASED, "released " + describe(lines), lines, 1);
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

    /** What was recorded under the key, by kind: one lookup answers both "done before?" and "undone before?". */
    private Map<String, Recorded> recorded(String operationKey) {
        Map<String, Recorded> byKind = new HashMap<>();
        jdbc.query("select kind, outcome, reason, item_ids, quantities from operation_keys where operation_key = ?",
                (RowCallbackHandler) row -> byKind.put(row.getString("kind"), new Recorded(
                        Outcome.valueOf(row.getString("outcome")), row.getString("reason"), lines(row))),
                operationKey);
        return byKind;
    }

    /** Records an outcome that moves no stock. */
    private Decision record(String operationKey, String kind, String orderId, Outcome outcome, String reason) {
        return record(operationKey, kind, orderId, outcome, reason, new TreeMap<>(), 0);
    }

    /**
     * Moves the stock of every line (sign -1 takes, +1 gives back) and records the outcome, in one statement: one
     * round trip to the database instead of one per line and one for the record. Taking never goes below zero; a
     * line that could not move (impossible under the row locks) throws, and the transaction writes nothing.
     */
    private Decision record(String operationKey, String kind, String orderId, Outcome outcome, String reason,
                            SortedMap<String, Long> lines, int sign) {
        Integer moved = jdbc.query("""
                        with line as (select * from unnest(?::text[], ?::bigint[]) as line (item_id, quantity)),
                        moved as (
                            update items set stock = items.stock + ? * line.quantity from line
                            where items.id = line.item_id and items.stock + ? * line.quantity >= 0
                            returning items.id
                        ), recorded as (
                            insert into operation_keys (operation_key, kind, order_id, outcome, reason, item_ids,
                                                        quantities)
                            values (?, ?, ?, ?, ?, ?::text[], ?::bigint[])
                        )
                        select count(*)::int from moved""",
                statement -> {
                    Array itemIds = statement.getConnection().createArrayOf("text", lines.keySet().toArray());
                    Array quantities = statement.getConnection().createArrayOf("bigint", lines.values().toArray());
                    statement.setArray(1, itemIds);
                    statement.setArray(2, quantities);
                    statement.setInt(3, sign);
                    statement.setInt(4, sign);
                    statement.setString(5, operationKey);
                    statement.setString(6, kind);
                    statement.setString(7, orderId);
                    statement.setString(8, outcome.name());
                    statement.setString(9, reason);
                    statement.setArray(10, itemIds);
                    statement.setArray(11, quantities);
                },
                (ResultSetExtractor<Integer>) rows -> rows.next() ? rows.getInt(1) : 0);
        if (moved == null || moved != lines.size()) {
            throw new IllegalStateException("the stock of a locked item changed during " + kind + " " + operationKey);
        }
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
