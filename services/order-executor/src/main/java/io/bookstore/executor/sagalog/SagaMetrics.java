package io.bookstore.executor.sagalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The saga meters: how long sagas take from their first step to their final state (from the saga log, so a saga
 * finished by the next leader counts its whole life), how many began compensating, and how many need an operator.
 */
@Component
public class SagaMetrics {

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Counter compensations;

    public SagaMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        compensations = Counter.builder("executor.saga.compensations")
                .description("sagas this replica began to compensate (a step refused, or the deadline passed)")
                .register(meters);
        // read from the saga log at each scrape: every replica shows the same figure, leader or not
        Gauge.builder("executor.sagas.needing.attention", this, SagaMetrics::needingAttention)
                .description("sagas whose compensation or completion never succeeded (NEEDS_ATTENTION) in the saga log")
                .register(meters);
    }

    void compensationBegun() {
        compensations.increment();
    }

    /** Records the duration of a saga whose final state has just been written, as the saga log measured it. */
    void ended(SagaStatus status, Duration lived) {
        Timer.builder("executor.saga.duration").tag("status", status.name())
                .description("from a saga's first step to its final state")
                .publishPercentileHistogram()
                .register(meters)
                .record(lived);
    }

    private double needingAttention() {
        Long count = jdbc.queryForObject("select count(*) from sagas where status = ?", Long.class,
                SagaStatus.NEEDS_ATTENTION.name());
        return count == null ? 0 : count;
    }
}
