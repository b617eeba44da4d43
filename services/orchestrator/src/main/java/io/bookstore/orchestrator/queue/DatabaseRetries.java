package io.bookstore.orchestrator.queue;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * How the queue's consumers try again what their database refused: on the consumer's thread, so that the record's
 * offset is not committed meanwhile, the delay doubling up to ten times the first one. While the database is away (no
 * connection, shutting down, out of resources, or a deadlock or serialization failure to retry) without end: given
 * up, a record would be lost to the orchestrator, an outcome leaving its order at the last stage for good. Any other
 * refusal is tried the given number of times, then logged and passed over, so that one record the database will never
 * take does not hold up every record behind it. Recording the same record twice changes nothing the second time.
 */
final class DatabaseRetries {

    /** SQLSTATE classes: connection exception, insufficient resources, operator intervention, transaction rollback. */
    private static final Set<String> AWAY = Set.of("08", "53", "57", "40");

    private DatabaseRetries() {
    }

    static void apply(RouteBuilder routes, int redeliveries, long redeliveryDelayMs) {
        // stopping ends these retries with the record failed, which order-outcomes, breaking off on its first error,
        // leaves uncommitted for the next start; retries longer than the consumer's poll interval (5 min) take it out
        // of its group until it polls again, and it reads on from its last commit
        backingOff(routes.onException(Exception.class).onWhen(exchange -> away(exchange.getException())),
                redeliveryDelayMs)
                .maximumRedeliveries(-1)
                .getRedeliveryPolicyType().allowRedeliveryWhileStopping(false);
        backingOff(routes.onException(Exception.class).onWhen(exchange -> !away(exchange.getException())),
                redeliveryDelayMs)
                .maximumRedeliveries(redeliveries)
                .handled(true)
                .log(LoggingLevel.ERROR, "passed over after " + (redeliveries + 1) + " attempts: ${exception}");
    }

    private static OnExceptionDefinition backingOff(OnExceptionDefinition policy, long redeliveryDelayMs) {
        return policy.redeliveryDelay(redeliveryDelayMs)
                .useExponentialBackOff()
                .maximumRedeliveryDelay(10 * redeliveryDelayMs)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
    }

    private static boolean away(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && AWAY.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
