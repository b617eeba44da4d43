package io.bookstore.orchestrator.queue;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox's relay: messages committed with an order change are published to Kafka, then marked
 * published. A crash between the two publishes a message twice, never zero times; consumers dedupe by order id.
 */
@Component
public class OutboxRelayRoutes extends RouteBuilder {

    private static final String TOPIC = "outboxTopic";

    @Override
    public void configure() {
        from("sql:select id, topic, message_key, headers, payload from outbox where published_at is null order by id"
                + "?onConsume=update outbox set published_at = now() where id = :#outboxId"
                + "&maxMessagesPerPoll={{outbox.batch-size}}&delay={{outbox.poll-delay-ms}}&initialDelay=0"
                + "&breakBatchOnConsumeFail=true")
                .routeId("outbox-relay")
                .process(OutboxRelayRoutes::toKafkaRecord)
                .to("kafka:{{topics.orders-approved}}")
                // the producer consumes the override-topic header, so the topic is logged from a property
                .log("published ${header." + KafkaConstants.KEY + "} to ${exchangeProperty." + TOPIC + "}");
    }

    @SuppressWarnings("unchecked")
    private static void toKafkaRecord(Exchange exchange) {
        Map<String, Object> row = exchange.getMessage().getBody(Map.class);
        exchange.getMessage().setHeader("outboxId", row.get("id"));
        exchange.getMessage().setHeader(KafkaConstants.KEY, row.get("message_key"));
        exchange.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, row.get("topic"));
        exchange.setProperty(TOPIC, row.get("topic"));
        for (String header : ((String) row.get("headers")).split(";")) {
            int eq = header.indexOf('=');
            if (eq > 0) {
                exchange.getMessage().setHeader(header.substring(0, eq), header.substring(eq + 1));
            }
        }
        exchange.getMessage().setBody(row.get("payload"));
    }
}
