package io.bookstore.payment.saga;

import io.bookstore.contracts.saga.PaymentReply.Outcome;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * Applies saga commands to accounts exactly once per operation key. Each command is one transaction that
 * serializes on its key, answers a repeated command with its recorded outcome, and writes its own outcome in
 * the same transaction as the credit change. A bookstore card account ("card:...") is opened by its first
 * CHARGE, in that same transaction, with the configured credit limit.
 * <p>
 * Each command is one call of a database function (migration V2), one round trip in a transaction of its own: every
 * checkout sends a CHARGE, and from the client its steps took four.
 */
@Component
public class PaymentLedger {

    private static final String CARD_ACCOUNT_PREFIX = "card:";

    private final JdbcTemplate jdbc;
    private final long cardCreditLimit;
    private final Set<String> alwaysDeclined;

    public PaymentLedger(JdbcTemplate jdbc,
                         @Value("${payment.card-credit-limit}") long cardCreditLimit,
                         @Value("${payment.failure-injection.always-declined}") List<String> alwaysDeclined) {
        this.jdbc = jdbc;
        this.cardCreditLimit = cardCreditLimit;
        this.alwaysDeclined = alwaysDeclined.stream()
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Takes the amount from the account, or nothing when the account is unknown or its credit too low. */
    public Decision charge(String operationKey, String orderId, String accountId, long amount) {
        Long openWithCredit = accountId.startsWith(CARD_ACCOUNT_PREFIX) ? cardCreditLimit : null;
        return decide("select outcome, reason, repeated from charge_account(?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, operationKey);
            statement.setString(2, orderId);
            statement.setString(3, accountId);
            statement.setLong(4, amount);
            statement.setObject(5, openWithCredit, Types.BIGINT);
            statement.setArray(6, statement.getConnection().createArrayOf("text", alwaysDeclined.toArray()));
        });
    }

    /** Gives back exactly what the CHARGE with this key took; with nothing to give back, leaves a tombstone. */
    public Decision refund(String operationKey, String orderId) {
        return decide("select outcome, reason, repeated from refund_account(?, ?)", statement -> {
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
}
