package io.bookstore.executor.execution;

import io.bookstore.executor.OrderOutcomes;
import io.bookstore.executor.leadership.FencedException;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.leadership.NotLeaderException;
import io.bookstore.executor.sagalog.SagaNotRunningException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How the leader's routes fail: a failure (the database or Kafka away) is retried in place with back-off for as long
 * as this replica leads; a write refused by the epoch fence ends the term, and the order is left, uncommitted, to
 * the new leader; a replica that stopped leading drops what it was doing, which the new leader recovers from the
 * saga log or Kafka; a saga that already ends (its deadline passed first) needs nothing more from this route.
 */
@Component
public class LeaderErrorHandling {

    private final Leadership leadership;
    private final long retryDelayMs;
    private final long maxRetryDelayMs;
    private final Counter refused;
    private final Counter left;

    public LeaderErrorHandling(Leadership leadership,
                               @Value("${order-executor.execution.retry-delay-ms}") long retryDelayMs,
                               @Value("${order-executor.execution.max-retry-delay-ms}") long maxRetryDelayMs,
                               MeterRegistry meters) {
        this.leadership = leadership;
        this.retryDelayMs = retryDelayMs;
        this.maxRetryDelayMs = maxRetryDelayMs;
        refused = OrderOutcomes.counter(meters, "refused");
        left = OrderOutcomes.counter(meters, "left-to-next-leader");
    }

    public void applyTo(RouteBuilder routes) {
        routes.errorHandler(routes.defaultErrorHandler()
                .retryWhile(routes.method(leadership, "leads"))
                .redeliveryDelay(retryDelayMs)
                .maximumRedeliveryDelay(maxRetryDelayMs)
                .useExponentialBackOff()
                .retryAttemptedLogLevel(LoggingLevel.WARN));

        routes.onException(FencedException.class)
                .handled(true)
                .process(this::fenced);

        routes.onException(NotLeaderException.class)
                .handled(true)
                .process(exchange -> left.increment())
                .log(LoggingLevel.INFO, "not the leader any more: left to the next leader");

        routes.onException(SagaNotRunningException.class)
                .handled(true)
                .log(LoggingLevel.INFO, "${exception.message}: nothing more to do here");
    }

    private void fenced(Exchange exchange) {
        FencedException fenced = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, FencedException.class);
        refused.increment();
        leadership.fenced(fenced.staleEpoch(), fenced.currentEpoch());
    }
}
