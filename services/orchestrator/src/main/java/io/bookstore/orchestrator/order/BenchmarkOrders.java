package io.bookstore.orchestrator.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.orchestrator.api.ApiException;
import io.bookstore.orchestrator.api.ApiResponses;
import io.bookstore.orchestrator.api.PathParams;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.stereotype.Component;

/** The benchmark's /orders API: create, batch_init, find, addItem. */
@Component
public class BenchmarkOrders {

    static final long MAX_BATCH = 1_000_000;
    static final long MAX_AMOUNT = 1_000_000_000_000L;

    private final OrderStore orders;
    private final FluentProducerTemplate stock;
    private final ObjectMapper json;

    public BenchmarkOrders(OrderStore orders, FluentProducerTemplate stock, ObjectMapper json) {
        this.orders = orders;
        this.stock = stock;
        this.json = json;
    }

    public void create(Exchange exchange) {
        String userId = PathParams.id(exchange, "user_id");
        String orderId = UUID.randomUUID().toString();
        orders.insertBenchmarkOrder(orderId, userId);
        ApiResponses.ok(exchange, Map.of("order_id", orderId));
    }

    public void batchInit(Exchange exchange) {
        long n = PathParams.number(exchange, "n", 1, MAX_BATCH);
        long items = PathParams.number(exchange, "n_items", 1, MAX_BATCH);
        long users = PathParams.number(exchange, "n_users", 1, MAX_BATCH);
        long price = PathParams.number(exchange, "item_price", 0, MAX_AMOUNT);
        orders.batchInit(n, items, users, price);
        ApiResponses.ok(exchange, Map.of("msg", "Batch init for orders successful"));
    }

    public void find(Exchange exchange) {
        String orderId = PathParams.id(exchange, "order_id");
        OrderRecord order = orders.find(orderId)
                .filter(found -> found.userId() != null)
                .orElseThrow(() -> ApiException.badRequest("unknown_order", "order " + orderId + " does not exist"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order_id", order.id());
        body.put("paid", order.paid());
        body.put("items", order.lines().stream().map(line -> List.of(line.itemId(), line.quantity())).toList());
        body.put("user_id", order.userId());
        body.put("total_cost", order.total());
        ApiResponses.ok(exchange, body);
    }

    public void addItem(Exchange exchange) {
        String orderId = PathParams.id(exchange, "order_id");
        String itemId = PathParams.id(exchange, "item_id");
        int quantity = (int) PathParams.number(exchange, "quantity", 1, 1_000_000);
        long price = currentPrice(itemId);
        switch (orders.addItem(orderId, new OrderLine(itemId, null, quantity, price))) {
            case UNKNOWN_ORDER -> throw ApiException.badRequest("unknown_order", "order " + orderId + " does not exist");
            case ALREADY_PAID -> throw ApiException.badRequest("order_paid", "order " + orderId + " is already paid");
            case ADDED -> ApiResponses.ok(exchange, Map.of("order_id", orderId, "item_id", itemId, "quantity", quantity,
                    "unit_price", price));
        }
    }

    private long currentPrice(String itemId) {
        Exchange answer = stock.to("direct:stock-find-item").withHeader("item_id", itemId).send();
        if (answer.getException() != null) {
            throw new ApiException(503, "stock_unavailable", "the stock service did not answer: "
                    + answer.getException().getMessage());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 500, Integer.class);
        if (status == 400 || status == 404) {
            throw ApiException.badRequest("unknown_item", "item " + itemId + " does not exist");
        }
        try {
            JsonNode item = json.readTree(answer.getMessage().getBody(String.class));
            if (status != 200 || !item.path("price").canConvertToLong()) {
                throw new ApiException(503, "stock_unavailable", "the stock service answered " + status);
            }
            return item.path("price").asLong();
        } catch (IOException e) {
            throw new ApiException(503, "stock_unavailable", "the stock service answered something that is not JSON");
        }
    }
}
