package io.bookstore.orchestrator.queue;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.DefaultErrorHandlerBuilder;

/**
 * How the queue's consumers try again what their database refused (away or restarting): on the consumer's thread,
 * so that the record's offset is not committed meanwhile, the delay doubling up to ten times the first one.
 * Recording the same record twice changes nothing the second time.
 */
final class DatabaseRetries {

    private DatabaseRetries() {
    }

    static DefaultErrorHandlerBuilder errorHandler(int redeliveries, long redeliveryDelayMs) {
        DefaultErrorHandlerBuilder retries = new DefaultErrorHandlerBuilder();
        retries.maximumRedeliveries(redeliveries)
                .redeliveryDelay(redeliveryDelayMs)
                .useExponentialBackOff()
                .maximumRedeliveryDelay(10 * redeliveryDelayMs)
                .retryAttemptedLogLevel(LoggingLevel.WARN);
        return retries;
    }
}
