package io.bookstore.executor.outcome;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The executors' events on Kafka: OrderExecution on orders.executions, OrderOutcome on orders.outcomes. */
@Component
public class OutcomeRoutes extends RouteBuilder {

    private static final String PRODUCER_OPTIONS = "?synchronous=true&headerFilterStrategy=#vectorClockHeaderOnly"
            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer";

    @Override
    public void configure() {
        from(OutcomePublisher.EXECUTIONS).routeId("publish-execution")
                .to("kafka:{{order-executor.topics.executions}}" + PRODUCER_OPTIONS);

        from(OutcomePublisher.OUTCOMES).routeId("publish-outcome")
                .to("kafka:{{order-executor.topics.outcomes}}" + PRODUCER_OPTIONS);
    }
}
