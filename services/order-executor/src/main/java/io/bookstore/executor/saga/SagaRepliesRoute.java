package io.bookstore.executor.saga;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Reads the participants' replies. Every replica reads them (only the leader has saga steps waiting), each in a
 * consumer group of its own that starts, the first time, at the beginning of the topic: a reply written after the
 * replica started is never missed, and a reply for a saga this replica does not drive is simply dropped.
 */
@Component
public class SagaRepliesRoute extends RouteBuilder {

    private final SagaReplies replies;

    public SagaRepliesRoute(SagaReplies replies) {
        this.replies = replies;
    }

    @Override
    public void configure() {
        from("kafka:{{order-executor.topics.saga-replies}}?groupId={{order-executor.kafka.replies-group-id}}"
                + "&autoOffsetReset=earliest&pollTimeoutMs={{order-executor.kafka.poll-timeout-ms}}"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("saga-replies")
                .process(exchange -> replies.receive(exchange.getMessage().getBody(byte[].class)));
    }
}
