package io.bookstore.executor.saga;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Reads the participants' replies while this replica leads: LeaderReplyConsumer starts the route when a term begins,
 * from the end of the topic, and stops it when the term ends. Each replica keeps its offsets in a group of its own;
 * a reply for a saga this replica does not drive is dropped.
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
                .routeId(LeaderReplyConsumer.ROUTE_ID)
                .noAutoStartup()
                .process(exchange -> replies.receive(exchange.getMessage().getBody(byte[].class)));
    }
}
