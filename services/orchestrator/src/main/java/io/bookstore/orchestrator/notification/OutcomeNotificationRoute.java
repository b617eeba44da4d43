package io.bookstore.orchestrator.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Hands every final order outcome to the operator route direct:order-outcome-notification
 * (routes/orchestrator/order-outcome-notification.yaml), which decides how it is announced. Its consumer group is
 * shared by all orchestrator instances, so each outcome is announced once; a new group starts at the latest outcome.
 */
@Component
public class OutcomeNotificationRoute extends RouteBuilder {

    private final ObjectMapper json;

    public OutcomeNotificationRoute(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void configure() {
        from("kafka:{{topics.orders-outcomes}}?groupId={{notifications.group-id}}&autoOffsetReset=latest")
                .routeId("order-outcome-notifications")
                .process(this::describe)
                .to("direct:order-outcome-notification")
                .process(exchange -> OrderLogContext.clear());
    }

    /** The outcome as headers and as a JSON body; the Kafka record's own headers are not passed on to a webhook. */
    private void describe(Exchange exchange) throws Exception {
        OrderOutcome outcome = OrderOutcome.parseFrom(exchange.getMessage().getBody(byte[].class));
        OrderLogContext.set(outcome.getOrderId(), VectorClocks.fromProto(outcome.getClock()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", outcome.getOrderId());
        body.put("attempt", outcome.getAttempt());
        body.put("status", outcome.getStatus().name());
        body.put("reason", outcome.getReason());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        body.forEach(message::setHeader);
        message.setBody(json.writeValueAsString(body));
    }
}
