package io.bookstore.transactionverification.causality;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Clear: the orchestrator's broadcast with an order's final vector clock. */
@Component
public class ClearOrderRoute extends RouteBuilder {

    private final OrderCopies copies;

    public ClearOrderRoute(OrderCopies copies) {
        this.copies = copies;
    }

    @Override
    public void configure() {
        from("direct:clear-order")
                .routeId("clear-order")
                .bean(copies, "clear");
    }
}
