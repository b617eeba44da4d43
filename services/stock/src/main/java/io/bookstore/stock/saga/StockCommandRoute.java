package io.bookstore.stock.saga;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The saga participant: receive a stock command, apply it once and reply. Kafka's consumer commits the offsets itself,
 * at most every commit-interval-ms and only when it polls, that is once every command it handed out has its reply
 * out: a crash only redelivers commands, which their operation keys answer with the recorded outcomes.
 * A failure (the database down) is retried in place a few times; after that the consumer seeks back to the
 * uncommitted command and polls it again, so it is never lost. Idempotency makes every redelivery harmless.
 */
@Component
public class StockCommandRoute extends RouteBuilder {

    private final StockCommandHandler handler;
    private final int redeliveries;
    private final long redeliveryDelayMs;

    public StockCommandRoute(StockCommandHandler handler,
                             @Value("${stock.saga.redeliveries}") int redeliveries,
                             @Value("${stock.saga.redelivery-delay-ms}") long redeliveryDelayMs) {
        this.handler = handler;
        this.redeliveries = redeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(redeliveries)
                .redeliveryDelay(redeliveryDelayMs)
                .useExponentialBackOff()
                .retryAttemptedLogLevel(LoggingLevel.WARN));

        onException(InvalidProtocolBufferException.class)
                .handled(true)
                .maximumRedeliveries(0)
                .log(LoggingLevel.ERROR, "skipping an unreadable stock command at partition ${header.kafka.PARTITION}"
                        + " offset ${header.kafka.OFFSET}: ${exception.message}");

        from("kafka:{{topics.stock-commands}}?groupId={{stock.saga.group-id}}&autoOffsetReset=earliest"
                + "&consumersCount={{stock.saga.consumers}}"
                + "&autoCommitIntervalMs={{stock.saga.commit-interval-ms}}&breakOnFirstError=true"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("stock-commands")
                .bean(handler, "handle")
                .to("kafka:{{topics.saga-replies}}?synchronous=true&lingerMs={{stock.saga.reply-linger-ms}}"
                        + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }
}
