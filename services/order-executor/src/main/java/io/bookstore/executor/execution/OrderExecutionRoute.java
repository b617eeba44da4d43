package io.bookstore.executor.execution;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Takes the orders the resequencer releases, one at a time in priority order, into their checkout saga. The saga's
 * start is the last thing done in priority order: from there each saga goes on by itself (see CheckoutSagaRoute).
 */
@Component
public class OrderExecutionRoute extends RouteBuilder {

    private final OrderAdmission admission;
    private final LeaderErrorHandling errorHandling;

    public OrderExecutionRoute(OrderAdmission admission, LeaderErrorHandling errorHandling) {
        this.admission = admission;
        this.errorHandling = errorHandling;
    }

    @Override
    public void configure() {
        errorHandling.applyTo(this);

        from("direct:execute-order").routeId("order-execution")
                .bean(admission, "admit")
                .to("direct:checkout-saga");
    }
}
