package io.bookstore.orchestrator.order;

import io.bookstore.orchestrator.api.ApiErrorPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The /orders API: the benchmark's order endpoints, and an order's history for both APIs. */
@Component
public class OrderRoutes extends RouteBuilder {

    private final BenchmarkOrders benchmark;
    private final BenchmarkCheckout checkout;
    private final OrderHistory history;

    public OrderRoutes(BenchmarkOrders benchmark, BenchmarkCheckout checkout, OrderHistory history) {
        this.benchmark = benchmark;
        this.checkout = checkout;
        this.history = history;
    }

    @Override
    public void configure() {
        rest("/orders").description("Orders: the benchmark API and every order's causal history")
                .post("/create/{user_id}").id("create-order-api").to("direct:create-order")
                .post("/batch_init/{n}/{n_items}/{n_users}/{item_price}").id("batch-init-orders-api").to("direct:batch-init-orders")
                .get("/find/{order_id}").id("find-order-api").to("direct:find-order")
                .post("/addItem/{order_id}/{item_id}/{quantity}").id("add-item-api").to("direct:add-item")
                .post("/checkout/{order_id}").id("checkout-order-api").to("direct:checkout-order")
                .get("/{order_id}").id("order-history-api").to("direct:order-history");

        from("direct:create-order").routeId("create-order").routeConfigurationId(ApiErrorPolicy.ID)
                .process(benchmark::create);
        from("direct:batch-init-orders").routeId("batch-init-orders").routeConfigurationId(ApiErrorPolicy.ID)
                .process(benchmark::batchInit);
        from("direct:find-order").routeId("find-order").routeConfigurationId(ApiErrorPolicy.ID)
                .process(benchmark::find);
        from("direct:add-item").routeId("add-item").routeConfigurationId(ApiErrorPolicy.ID)
                .process(benchmark::addItem);
        from("direct:checkout-order").routeId("checkout-order").routeConfigurationId(ApiErrorPolicy.ID)
                .process(checkout::checkout);
        from("direct:order-history").routeId("order-history").routeConfigurationId(ApiErrorPolicy.ID)
                .process(history::show);
    }
}
