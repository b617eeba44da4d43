package io.bookstore.stock.saga;

import io.bookstore.contracts.saga.StockCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The saga commands this participant handled, by kind, outcome and whether it was a repeated delivery. */
@Component
public class StockCommandMetrics {

    private final MeterRegistry meters;

    public StockCommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void handled(StockCommand command, Decision decision) {
        Counter.builder("stock.commands")
                .tag("kind", command.getKind().name())
                .tag("outcome", decision.outcome().name())
                .tag("repeated", Boolean.toString(decision.repeated()))
                .description("saga commands handled, by kind and the outcome replied")
                .register(meters)
                .increment();
    }
}
