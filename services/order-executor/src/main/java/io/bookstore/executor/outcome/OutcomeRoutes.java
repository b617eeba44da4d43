package io.bookstore.executor.outcome;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * OrderOutcome on orders.outcomes: the outcome answers the checkout, so it is sent and acknowledged before the saga
 * counts as published. The progress events (OrderExecution) go to Kafka without a route ({@link OutcomePublisher}).
 */
@Component
public class OutcomeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(OutcomePublisher.OUTCOMES).routeId("publish-outcome")
                .to("kafka:{{order-executor.topics.outcomes}}?synchronous=true"
                        + "&headerFilterStrategy=#vectorClockHeaderOnly"
                        + "&lingerMs={{order-executor.kafka.send-linger-ms}}"
                        + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }
}
