package io.bookstore.orchestrator.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands every final order outcome to the operator route direct:order-outcome-notification
 * (routes/orchestrator/order-outcome-notification.yaml), which decides how it is announced. Its consumer group is
 * shared by all orchestrator instances, so each outcome is announced once; a new group starts at the latest outcome.
 */
@Component
public class OutcomeNotificationRoute extends RouteBuilder {

    private static final String OPERATOR_ROUTE_ID = "order-outcome-notification";

    private final ObjectMapper json;
    private final Path routesDir;

    public OutcomeNotificationRoute(ObjectMapper json, @Value("${bookstore.routes-dir}") Path routesDir) {
        this.json = json;
        this.routesDir = routesDir;
    }

    /** The service starts without its operator route, but says so: until the route is loaded, nothing is notified. */
    @EventListener(ApplicationReadyEvent.class)
    public void reportAMissingRoute() {
        if (getCamelContext().getRoute(OPERATOR_ROUTE_ID) == null) {
            log.error("the operator route {} is not loaded: no {} (set ROUTES_DIR to the repository's routes/);"
                    + " order outcomes are not notified until the file is there", OPERATOR_ROUTE_ID,
                    routesDir.resolve("orchestrator/order-outcome-notification.yaml").toAbsolutePath());
        }
    }

    @Override
    public void configure() {
        from("kafka:{{topics.orders-outcomes}}?groupId={{notifications.group-id}}&autoOffsetReset=latest"
                + "&fetchMinBytes={{notifications.fetch-min-bytes}}&fetchWaitMaxMs={{notifications.fetch-wait-ms}}")
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
