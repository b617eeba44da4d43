package io.bookstore.payment.saga;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The saga participant: receive a payment command, apply it once, reply, and only then commit the offset.
 * A failure (the database down) is retried in place a few times; after that the consumer seeks back to the
 * uncommitted command and polls it again, so it is never lost. Idempotency makes every redelivery harmless.
 */
@Component
public class PaymentCommandRoute extends RouteBuilder {

    private final PaymentCommandHandler handler;
    private final int redeliveries;
    private final long redeliveryDelayMs;

    public PaymentCommandRoute(PaymentCommandHandler handler,
                             @Value("${payment.saga.redeliveries}") int redeliveries,
                             @Value("${payment.saga.redelivery-delay-ms}") long redeliveryDelayMs) {
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
                .log(LoggingLevel.ERROR, "skipping an unreadable payment command at partition ${header.kafka.PARTITION}"
                        + " offset ${header.kafka.OFFSET}: ${exception.message}")
                .process(PaymentCommandRoute::commitOffset);

        from("kafka:{{topics.payment-commands}}?groupId={{payment.saga.group-id}}&autoOffsetReset=earliest"
                + "&consumersCount={{payment.saga.consumers}}"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&kafkaManualCommitFactory=#class:org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("payment-commands")
                .bean(handler, "handle")
                .to("kafka:{{topics.saga-replies}}?synchronous=true"
                        + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer")
                .process(PaymentCommandRoute::commitOffset);
    }

    private static void commitOffset(Exchange exchange) {
        exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
    }
}
