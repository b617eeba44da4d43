package io.bookstore.orchestrator.order;

import io.bookstore.orchestrator.api.ApiException;
import io.bookstore.orchestrator.api.ApiResponses;
import io.bookstore.orchestrator.api.PathParams;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** GET /orders/{orderId}: an order's status, decision and its events in causal order, with their clocks. */
@Component
public class OrderHistory {

    private final OrderStore orders;

    public OrderHistory(OrderStore orders) {
        this.orders = orders;
    }

    public void show(Exchange exchange) {
        String orderId = PathParams.id(exchange, "order_id");
        OrderRecord order = orders.find(orderId)
                .orElseThrow(() -> ApiException.notFound("order " + orderId + " does not exist"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.id());
        body.put("source", order.source());
        body.put("status", order.status().name());
        body.put("decision", decision(order.status()));
        body.put("reason", order.reason());
        body.put("tier", order.tier());
        body.put("paid", order.paid());
        body.put("total", order.total());
        body.put("createdAt", order.createdAt().toString());
        body.put("executor", order.executorId());
        body.put("executorEpoch", order.executorEpoch());
        body.put("clock", order.clock().entries());
        body.put("items", order.lines().stream().map(line -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("itemId", line.itemId());
            item.put("title", line.title());
            item.put("quantity", line.quantity());
            item.put("unitPrice", line.unitPrice());
            return item;
        }).toList());
        body.put("events", order.events().stream()
                .map(event -> Map.of("service", event.service(), "event", event.event(), "clock", event.clock().entries()))
                .toList());
        ApiResponses.ok(exchange, body);
    }

    private static String decision(OrderStatus status) {
        return switch (status) {
            case VERIFYING, OPEN -> "pending";
            case REJECTED -> "rejected";
            case NEEDS_ATTENTION -> "needs attention";
            default -> "approved";
        };
    }
}
