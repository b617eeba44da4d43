package io.bookstore.executor.outcome;

import io.bookstore.causality.VectorClock;
import io.bookstore.executor.causality.OrderMdc;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The executors' events on Kafka: OrderExecution on orders.executions, OrderOutcome on orders.outcomes.
 * <p>
 * The progress events are the order's history, not its answer: a saga thread queues them and goes on, and a single
 * consumer hands them to Kafka in the order they were queued (so an order's events keep their order on its
 * partition) without waiting for each acknowledgement. Waiting, six times per saga, held the saga threads under
 * load. Their producer lingers, so that the events of several sagas go to the broker in one request. The outcome
 * answers the checkout: it is sent and acknowledged before the saga counts as published.
 */
@Component
public class OutcomeRoutes extends RouteBuilder {

    private static final String PRODUCER_OPTIONS = "?headerFilterStrategy=#vectorClockHeaderOnly"
            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer";

    @Override
    public void configure() {
        from(OutcomePublisher.EXECUTIONS).routeId("publish-execution")
                .onException(Exception.class).handled(true).process(this::notInHistory).end()
                .to("kafka:{{order-executor.topics.executions}}" + PRODUCER_OPTIONS
                        + "&lingerMs={{order-executor.execution-events.linger-ms}}");

        from(OutcomePublisher.OUTCOMES).routeId("publish-outcome")
                .to("kafka:{{order-executor.topics.outcomes}}" + PRODUCER_OPTIONS + "&synchronous=true");
    }

    private void notInHistory(Exchange exchange) {
        Message message = exchange.getMessage();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        OrderMdc.with(message.getHeader(KafkaConstants.KEY, String.class),
                VectorClock.parse(message.getHeader(VectorClock.HEADER, String.class)),
                () -> log.warn("saga event not in the order's history: {}", failure.getMessage()));
    }
}
