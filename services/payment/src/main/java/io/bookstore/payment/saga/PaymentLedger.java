package io.bookstore.payment.saga;

import io.bookstore.contracts.saga.PaymentReply.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies saga commands to accounts exactly once per operation key. Each command is one transaction that
 * serializes on its key, answers a repeated command with its recorded outcome, and writes its own outcome in
 * the same transaction as the credit change. A bookstore card account ("card:...") is opened by its first
 * CHARGE, in that same transaction, with the configured credit limit.
 */
@Component
public class PaymentLedger {

    private static final String CARD_ACCOUNT_PREFIX = "card:";
    private static final String CHARGE = "CHARGE";
    private static final String REFUND = "REFUND";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final long cardCreditLimit;
    private final Set<String> alwaysDeclined;

    public PaymentLedger(JdbcTemplate jdbc, TransactionTemplate transaction,
                         @Value("${payment.card-credit-limit}") long cardCreditLimit,
                         @Value("${payment.failure-injection.always-declined}") List<String> alwaysDeclined) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.cardCreditLimit = cardCreditLimit;
        this.alwaysDeclined = alwaysDeclined.stream()
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Takes the amount from the account, or nothing when the account is unknown or its credit too low. */
    public Decision charge(String operationKey, String orderId, String accountId, long amount) {
        return transaction.execute(status -> {
            lockOperationKey(operationKey);
            Map<String, Recorded> earlier = recorded(operationKey);
            if (earlier.containsKey(CHARGE)) {
                return earlier.get(CHARGE).repeated();
            }
            if (earlier.containsKey(REFUND)) {
                return record(operationKey, CHARGE, orderId, Outcome.REFUSED_AFTER_UNDO,
                        "refused: this charge was already refunded", null, 0);
            }
            if (alwaysDeclined.contains(accountId)) {
                return record(operationKey, CHARGE, orderId, Outcome.INSUFFICIENT_CREDIT,
                        "insufficient credit: account " + accountId + " is configured to decline", null, 0);
            }
            if (accountId.startsWith(CARD_ACCOUNT_PREFIX)) {
                jdbc.update("insert into accounts (id, credit) values (?, ?) on conflict (id) do nothing",
                        accountId, cardCreditLimit);
            }
            // the charge and its record in one statement: one round trip to the database instead of two
            List<String> charged = jdbc.queryForList("""
                            with charged as (
                                update accounts set credit = credit - ? where id = ? and credit >= ? returning credit
                            ), recorded as (
                                insert into operation_keys (operation_key, kind, order_id, outcome, reason, account_id,
                                                            amount)
                                select ?, ?, ?, ?, ? || credit, ?, ? from charged
                                returning reason
                            )
                            select reason from recorded""",
                    String.class, amount, accountId, amount,
                    operationKey, CHARGE, orderId, Outcome.CHARGED.name(),
                    "charged " + amount + " to " + accountId + ", credit left ", accountId, amount);
            if (!charged.isEmpty()) {
                return new Decision(Outcome.CHARGED, charged.get(0), false);
            }
            List<Long> credit = jdbc.queryForList("select credit from accounts where id = ?", Long.class, accountId);
            if (credit.isEmpty()) {
                return record(operationKey, CHARGE, orderId, Outcome.UNKNOWN_ACCOUNT,
                        "unknown account: " + accountId, null, 0);
            }
            return record(operationKey, CHARGE, orderId, Outcome.INSUFFICIENT_CREDIT,
                    "insufficient credit: " + credit.get(0) + " available, " + amount + " needed", null, 0);
        });
    }

    /** Gives back exactly what the CHARGE with this key took; with nothing to give back, leaves a tombstone. */
    public Decision refund(String operationKey, String orderId) {
        return transaction.execute(status -> {
            lockOperationKey(operationKey);
            Map<String, Recorded> earlier = recorded(operationKey);
            if (earlier.containsKey(REFUND)) {
                return earlier.get(REFUND).repeated();
            }
            Optional<Recorded> charge = Optional.ofNullable(earlier.get(CHARGE));
            if (charge.isEmpty()) {
                return record(operationKey, REFUND, orderId, Outcome.REFUNDED,
                        "nothing was charged; a later charge with this key will be refused", null, 0);
            }
            if (charge.get().outcome() != Outcome.CHARGED) {
                return record(operationKey, REFUND, orderId, Outcome.REFUNDED,
                        "nothing to refund: the charge was " + charge.get().outcome(), null, 0);
            }
            Recorded charged = charge.get();
            jdbc.update("update accounts set credit = credit + ? where id = ?", charged.amount(), charged.accountId());
            return record(operationKey, REFUND, orderId, Outcome.REFUNDED,
                    "refunded " + charged.amount() + " to " + charged.accountId(), charged.accountId(), charged.amount());
        });
    }

    /** Serializes every command carrying this key, whichever consumer or instance delivers it. */
    private void lockOperationKey(String operationKey) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))",
                (ResultSetExtractor<Void>) rows -> null, operationKey);
    }

    /** What was recorded under the key, by kind: one lookup answers both "done before?" and "undone before?". */
    private Map<String, Recorded> recorded(String operationKey) {
        Map<String, Recorded> byKind = new HashMap<>();
        jdbc.query("select kind, outcome, reason, account_id, amount from operation_keys where operation_key = ?",
                (RowCallbackHandler) row -> byKind.put(row.getString("kind"), new Recorded(
                        Outcome.valueOf(row.getString("outcome")), row.getString("reason"),
                        row.getString("account_id"), row.getLong("amount"))),
                operationKey);
        return byKind;
    }

    private Decision record(String operationKey, String kind, String orderId, Outcome outcome, String reason,
                            String accountId, long amount) {
        jdbc.update("insert into operation_keys (operation_key, kind, order_id, outcome, reason, account_id, amount)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                operationKey, kind, orderId, outcome.name(), reason, accountId, amount);
        return new Decision(outcome, reason, false);
    }

    private record Recorded(Outcome outcome, String reason, String accountId, long amount) {
        Decision repeated() {
            return new Decision(outcome, reason, true);
        }
    }
}
