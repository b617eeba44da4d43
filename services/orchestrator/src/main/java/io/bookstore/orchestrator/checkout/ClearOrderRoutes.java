package io.bookstore.orchestrator.checkout;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.ClearOrder;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Once an order is decided, every verification service is told its final clock and drops its cached copy
 * (unless it saw something the orchestrator did not). Best effort: a service that misses it expires the copy.
 */
@Component
public class ClearOrderRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:clear-order").routeId("clear-order")
                .process(exchange -> exchange.getMessage().setBody(ClearOrder.newBuilder()
                        .setOrderId(exchange.getProperty(Checkout.ORDER_ID, String.class))
                        .setFinalClock(VectorClocks.toProto(exchange.getProperty(Checkout.CLOCK, VectorClock.class)))
                        .build()))
                .multicast().parallelProcessing()
                    .to("direct:clear-transaction-verification", "direct:clear-fraud-detection", "direct:clear-suggestions")
                .end();

        clear("transaction-verification",
                "grpc://{{grpc.transaction-verification}}/io.bookstore.contracts.transactionverification.TransactionVerification");
        clear("fraud-detection", "grpc://{{grpc.fraud-detection}}/io.bookstore.contracts.frauddetection.FraudDetection");
        clear("suggestions", "grpc://{{grpc.suggestions}}/io.bookstore.contracts.suggestions.BookSuggestions");
    }

    private void clear(String service, String grpcUri) {
        from("direct:clear-" + service).routeId("clear-" + service)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "could not clear order ${exchangeProperty.orderId} at " + service
                            + ": ${exception.message}")
                .end()
                .to(grpcUri + "?method=clear&synchronous=true")
                .filter(simple("${body.cleared} == false"))
                    .log(LoggingLevel.WARN, service + " kept order ${exchangeProperty.orderId}: its clock is ahead of the final one");
    }
}
