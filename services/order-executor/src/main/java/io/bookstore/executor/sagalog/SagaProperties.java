package io.bookstore.executor.sagalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * order-executor.saga: the saga timeout, how many sagas move at once, how the deadlines are swept, and how
 * compensations and completions are retried.
 */
@ConfigurationProperties("order-executor.saga")
public record SagaProperties(Duration timeout, int threads, Duration sweepInterval, Ending ending) {

    /**
     * Each compensation or completion is attempted up to maxAttempts times, waiting for the participant's
     * confirmation up to replyTimeout each time, with a delay doubling from initialDelay up to maxDelay in between.
     */
    public record Ending(int maxAttempts, Duration replyTimeout, Duration initialDelay, Duration maxDelay) {

        public Duration delayAfter(int attempt) {
            long delay = initialDelay.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(delay, maxDelay.toMillis()));
        }
    }
}
